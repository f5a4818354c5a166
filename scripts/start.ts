/**
 * `npm start`: builds the kiosk if its build is missing or stale, starts the sync server on its embedded
 * SQLite (or DATABASE_URL), makes a demo point on first run, prints the URLs and enrollment codes, and
 * opens the Electron shell when a binary can be had without downloading one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/src/main';
import { findElectronBinary } from '../electron/src/launcher/find-electron';
import { startBanner } from './start-banner';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererOut = path.join(root, 'dist', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function rendererIsStale(): boolean {
  const index = path.join(rendererOut, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return ['renderer', 'shared/src', 'assets'].some((d) => newestMtime(path.join(root, d)) > built);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
}

async function main(): Promise<void> {
  if (rendererIsStale()) {
    console.log('Building the kiosk (renderer)…');
    run(process.execPath, [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
  const dataDir = path.resolve(root, process.env.DVC_DATA_DIR ?? 'data');
  const server = await startServer({
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 8787),
    staticDir: rendererOut,
    logLevel: process.env.LOG_LEVEL ?? 'warn',
  });
  const demo = await server.admin.ensureDemoPoint();

  const electron = findElectronBinary();
  console.log(
    startBanner({
      url: server.url,
      dataDir: process.env.DATABASE_URL ? null : dataDir,
      pointId: demo.point.id,
      pointName: demo.point.name,
      codes: demo.codes ?? null,
      noShellReason: electron.path ? null : (electron.reason ?? null),
    }),
  );
  if (electron.path) {
    run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'electron/build.ts']);
    const child = spawn(electron.path, [root], {
      stdio: 'inherit',
      env: { ...process.env, DVC_SERVER_URL: server.url },
    });
    child.on('exit', (code) =>
      console.log(`Kiosk shell exited (${code ?? 'signal'}); the server keeps running.`),
    );
  }

  const stop = async (): Promise<void> => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
