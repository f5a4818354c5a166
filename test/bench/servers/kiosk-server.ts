import type { RunningServer } from '../../../server/src/main';
import type { Scope } from '../report/bounded';
import { RequestLog } from './request-log';

export interface BenchServer {
  readonly server: RunningServer;
  /** The port it listens on (127.0.0.1), for a proxy in front of it. */
  readonly port: number;
  readonly requests: RequestLog;
}

export interface BenchPoint {
  readonly pointId: string;
  readonly codes: string[];
}

/**
 * The real sync server (SQLite with fsync on commit) on loopback in this process, over `dataDir`, serving
 * `staticDir`. Imported lazily so that a server still being written makes only the metrics that need it
 * "not measured". Its request lines go to a RequestLog, where the bench counts requests.
 */
export async function startKioskServer(
  scope: Scope,
  opts: { dataDir: string; staticDir: string },
): Promise<BenchServer> {
  const { startServer } = await import('../../../server/src/main');
  const requests = new RequestLog();
  const server = await startServer({
    dataDir: opts.dataDir,
    host: '127.0.0.1',
    port: 0,
    staticDir: opts.staticDir,
    logger: requests.logger,
  });
  scope.defer(() => server.close());
  return { server, port: Number(new URL(server.url).port), requests };
}

/** One point with `devices` one-time enrollment codes. */
export async function createBenchPoint(server: RunningServer, devices: number): Promise<BenchPoint> {
  const point = await server.admin.createPoint('Bench point');
  const codes = await server.admin.issueEnrollmentCodes(point.id, devices);
  return { pointId: point.id, codes };
}

/** Operations the server has committed to the point's log. */
export async function committedOps(server: RunningServer, pointId: string): Promise<number> {
  const point = (await server.admin.listPoints()).find((p) => p.id === pointId);
  return point?.lastSeq ?? 0;
}

/** The point's enrolled devices, oldest first (read from the server's database, as an operator could). */
export async function enrolledDevices(server: RunningServer, pointId: string): Promise<string[]> {
  const rows = await server.db.kysely
    .selectFrom('devices')
    .select(['id'])
    .where('point_id', '=', pointId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
