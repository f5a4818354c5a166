import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../../server/src/main';

/**
 * One real server for the run: SQLite in a fresh temp folder, serving the built kiosk on loopback.
 * Workers reach the same database through its folder (see fixtures.ts) to issue enrollment codes.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-e2e-'));
  const server = await startServer({
    dataDir,
    host: '127.0.0.1',
    port: 0,
    staticDir: path.resolve('dist/renderer'),
    logLevel: 'warn',
    // The suite enrolls many devices from one address; the production limit (10 per 10 min) would refuse them.
    enrollLimit: { max: 1000, windowMs: 60_000 },
  });
  process.env.DVC_E2E_BASE_URL = server.url;
  process.env.DVC_E2E_DATA_DIR = dataDir;
  return async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
