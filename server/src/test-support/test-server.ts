import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Operation } from '#shared/entities/registry';
import { startServer, type RunningServer, type StartOptions } from '../main';
import { httpClient, type Client, type Reply } from './client';
import type { TestEngine } from './engines';
import { pointWithDevices, type TestDevice } from './fixtures';

/** A server on loopback over a test engine, with a throwaway folder for blobs and uploads. */
export interface TestServer {
  server: RunningServer;
  call: Client;
  blobDir: string;
  uploadDir: string;
  /** A new point with `n` enrolled devices. */
  point(n: number): Promise<{ pointId: string; devices: TestDevice[] }>;
  push(device: TestDevice, ops: Operation[]): Promise<Reply>;
  close(): Promise<void>;
}

export async function startTestServer(
  engine: TestEngine,
  opts: Partial<StartOptions> = {},
): Promise<TestServer> {
  const files = mkdtempSync(join(tmpdir(), 'dvc-files-'));
  const blobDir = join(files, 'blobs');
  const uploadDir = join(files, 'uploads');
  const server = await startServer({
    ...engine.options,
    blobDir,
    uploadDir,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    enrollLimit: { max: 10_000, windowMs: 60_000 },
    ...opts,
  });
  const call = httpClient(server.url);
  return {
    server,
    call,
    blobDir,
    uploadDir,
    point: (n) => pointWithDevices(server.db, call, n),
    push: (device, ops) => call('POST', '/api/v1/sync/push', { token: device.token, body: { ops } }),
    async close() {
      await server.close();
      rmSync(files, { recursive: true, force: true });
    },
  };
}
