import { rmSync } from 'node:fs';
import type { RunningServer } from '../../../server/src/main';
import type { BenchContext } from '../metrics/context';
import type { Scope } from '../report/bounded';
import { makeTempFolder } from '../storage/temp-root';
import { createBenchPoint, startKioskServer } from './kiosk-server';

export interface ServedPoint {
  readonly server: RunningServer;
  readonly pointId: string;
  readonly codes: string[];
}

/**
 * The real sync server over a fresh SQLite folder under the run's on-disk temp root, serving `staticDir`, with
 * one point and `devices` enrollment codes (at least one; a page that never enrolls leaves it unused). The
 * server and its folder go when `scope` closes.
 */
export async function startServedPoint(
  scope: Scope,
  ctx: BenchContext,
  staticDir: string,
  devices: number,
): Promise<ServedPoint> {
  const data = makeTempFolder(ctx.tmp, 'kiosk-server');
  ctx.storage.record('SQLite', data);
  scope.defer(async () => rmSync(data.path, { recursive: true, force: true }));
  const { server } = await startKioskServer(scope, { dataDir: data.path, staticDir });
  const point = await createBenchPoint(server, devices);
  return { server, ...point };
}
