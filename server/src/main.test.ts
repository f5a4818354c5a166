import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverSuite } from './main.suite';
import { PG_URL, postgresEngine, sqliteEngine } from './test-support/engines';

describe('startServer on SQLite', () => serverSuite(sqliteEngine));
describe.runIf(PG_URL)('startServer on PostgreSQL', () => serverSuite(() => postgresEngine()));

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('tsx server/src/main.ts', () => {
  it('starts from the environment, serves, and exits cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvc-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DVC_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error(`server exited early:\n${out}`)));
      });
      const health = await fetch(`${url}/healthz`);
      expect(await health.json()).toEqual({ ok: true, db: 'sqlite' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
