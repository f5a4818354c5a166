import { cpSync, rmSync } from 'node:fs';
import type { KioskApi } from '../harness/src/bench-api';
import type { EditShape } from '../harness/src/edits';
import { openBenchPage } from '../browser/bench-page';
import { launchProfile, type Profile } from '../browser/chromium';
import type { Scope } from '../report/bounded';
import { progress } from '../report/progress';
import { createBenchPoint, startKioskServer, type BenchServer } from '../servers/kiosk-server';
import type { WireProxy } from '../servers/wire-proxy';
import { makeTempFolder } from '../storage/temp-root';
import type { BenchContext } from './context';

/** The kiosk bench page's address inside the combined site (the app at /, the bench page beside it). */
export const KIOSK_PAGE = '/bench/kiosk.html';

/**
 * A kiosk enrolled with a point and holding the generated edits in its outbox, made once and copied for each
 * run: its closed browser profile and the server's closed data folder. Every copy is opened at the same
 * origin (the proxy's fixed port), which is what IndexedDB is keyed by.
 */
export interface KioskTemplate {
  readonly profileDir: string;
  readonly serverDataDir: string;
  readonly pointId: string;
  /** An unused enrollment code of the point, for a seeding device. */
  readonly spareCode: string;
  /** Operations in the kiosk's outbox (the edits and one create per draft). */
  readonly outbox: number;
  readonly prepMs: number;
}

/** A copy of the template at work: its server running behind the proxy, its browser not yet launched. */
export interface KioskCopy {
  readonly server: BenchServer;
  launch(opts?: { serviceWorkers?: 'allow' | 'block' }): Promise<Profile>;
  /** Closes the browser and the server and removes both copies. */
  release(): Promise<void>;
}

export async function prepareKioskTemplate(
  scope: Scope,
  ctx: BenchContext,
  site: string,
  proxy: WireProxy,
  shape: EditShape,
): Promise<KioskTemplate> {
  const t0 = Date.now();
  const data = makeTempFolder(ctx.tmp, 'kiosk-server-template');
  ctx.storage.record('SQLite', data);
  scope.defer(async () => rmSync(data.path, { recursive: true, force: true }));
  const server = await startKioskServer(scope, { dataDir: data.path, staticDir: site });
  const point = await createBenchPoint(server.server, 2);
  proxy.setTarget(server.port);

  const profile = await launchProfile(ctx.tmp, 'kiosk-template');
  ctx.storage.record('browser profile', profile.folder);
  scope.defer(async () => rmSync(profile.folder.path, { recursive: true, force: true }));
  const page = await openBenchPage(profile.context, `${proxy.url}${KIOSK_PAGE}`);
  await page.evaluate((c) => (window.bench as KioskApi).enrollApp(c), point.codes[0] as string);
  await profile.context.setOffline(true);
  progress(`kiosk template: making ${shape.drafts * shape.fieldsPerDraft} edits offline (not timed)`);
  const made = await page.evaluate((s) => (window.bench as KioskApi).offlineEdits(s), shape);
  await profile.close({ keep: true });
  await server.server.close();
  progress(`kiosk template: ${made.outbox} ops in the outbox, made in ${Math.round(made.ms)} ms`);
  return {
    profileDir: profile.folder.path,
    serverDataDir: data.path,
    pointId: point.pointId,
    spareCode: point.codes[1] as string,
    outbox: made.outbox,
    prepMs: Date.now() - t0,
  };
}

/** Copies the template's server data and starts a server on it behind `proxy`; the browser comes later. */
export async function copyKioskTemplate(
  scope: Scope,
  ctx: BenchContext,
  template: KioskTemplate,
  site: string,
  proxy: WireProxy,
): Promise<KioskCopy> {
  const data = makeTempFolder(ctx.tmp, 'kiosk-server');
  ctx.storage.record('SQLite', data);
  const removeData = scope.adopt(async () => rmSync(data.path, { recursive: true, force: true }));
  cpSync(template.serverDataDir, data.path, { recursive: true });
  const server = await startKioskServer(scope, { dataDir: data.path, staticDir: site });
  proxy.setTarget(server.port);
  const closeServer = scope.adopt(() => server.server.close());
  let closeBrowser: () => Promise<void> = async () => undefined;
  return {
    server,
    async launch(opts = {}) {
      const profile = await launchProfile(ctx.tmp, 'kiosk', { copyOf: template.profileDir, ...opts });
      ctx.storage.record('browser profile', profile.folder);
      closeBrowser = scope.adopt(() => profile.close());
      return profile;
    },
    async release() {
      await closeBrowser();
      await closeServer();
      await removeData();
    },
  };
}
