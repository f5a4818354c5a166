import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isHealthy } from './protocol-client';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'server/src/main.ts');
const OUTPUT_KEPT = 8_000;

export interface ServerProcessOptions {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  /** How long to wait for /healthz. */
  startTimeoutMs?: number;
}

/** The sync server run as its own process, as an operator runs it, so a test can kill it for real. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** The last few KB of what it printed, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, in-flight requests die with it. Resolves once it has exited. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within the bound. */
  stop(timeoutMs?: number): Promise<void>;
}

/** A port free right now on 127.0.0.1 (the server needs a fixed one so it can restart at the same address). */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve());
  });
  const address = srv.address();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/**
 * Starts `server/src/main.ts` under Node with the tsx loader in one process (the `tsx` CLI would put a
 * wrapper process in between, and a SIGKILL to the wrapper would leave the server running).
 */
export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(opts.port),
    LOG_LEVEL: 'warn',
    DVC_DATA_DIR: opts.dataDir ?? '',
    DATABASE_URL: opts.databaseUrl ?? '',
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${opts.port}`;

  const kill = async (): Promise<void> => {
    if (!gone()) child.kill('SIGKILL');
    await exited;
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  while (!(await isHealthy(url))) {
    if (gone())
      throw new Error(`server exited while starting (${child.exitCode ?? child.signalCode}):\n${out}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`server did not answer /healthz in time:\n${out}`);
    }
    await sleep(50);
  }
  if (child.pid === undefined) throw new Error('server process has no pid');

  return {
    url,
    pid: child.pid,
    output: () => out,
    kill,
    async stop(timeoutMs = 10_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = sleep(timeoutMs, 'late' as const);
      if ((await Promise.race([exited.then(() => 'ok' as const), timer])) === 'late') await kill();
    },
  };
}
