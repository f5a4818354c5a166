import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../server/src/main';
import type { Scope } from '../report/bounded';

export interface BenchPoint {
  server: RunningServer;
  pointId: string;
  codes: string[];
}

/**
 * The real sync server (SQLite with fsync on commit, in a fresh folder) on loopback, serving `staticDir`, with
 * one point and `devices` enrollment codes (at least one; a page that never enrolls just leaves it unused). Imported lazily so that a server still being written makes only
 * the metrics that need it "not measured".
 */
export async function startBenchPoint(scope: Scope, staticDir: string, devices: number): Promise<BenchPoint> {
  const { startServer } = await import('../../../server/src/main');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dvc-bench-server-'));
  scope.defer(async () => rmSync(dataDir, { recursive: true, force: true }));
  const server = await startServer({ dataDir, host: '127.0.0.1', port: 0, staticDir, logLevel: 'warn' });
  scope.defer(() => server.close());
  const point = await server.admin.createPoint('Bench point');
  const codes = await server.admin.issueEnrollmentCodes(point.id, devices);
  return { server, pointId: point.id, codes };
}

/** Operations the server has committed to the point's log. */
export async function committedOps(bench: BenchPoint): Promise<number> {
  const point = (await bench.server.admin.listPoints()).find((p) => p.id === bench.pointId);
  return point?.lastSeq ?? 0;
}
