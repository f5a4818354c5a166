import { KioskDb } from '../../db/kiosk-db';
import type { NetworkState } from '../../network/network-status';
import { openRepositories, type Repositories } from '../../repo/open-repositories';
import { Store } from '../../state/store';
import { ApiClient } from '../api-client';
import type { BlobUpload, BlobUploader } from '../blob-uploader';
import { SyncEngine } from '../sync-engine';
import { newSyncHealth } from '../sync-health';
import type { Timers } from '../timers';
import { UploadActivity } from '../upload-activity';
import type { FakeSyncServer } from './fake-sync-server';

/** Timers that only record what was scheduled: the tests run cycles themselves and never wait. */
export class RecordingTimers implements Timers {
  delays: number[] = [];
  private pending: { fn: () => void; at: number }[] = [];
  constructor(public clock = 1_000_000) {}
  setTimeout(fn: () => void, ms: number): unknown {
    this.delays.push(ms);
    const entry = { fn, at: this.clock + ms };
    this.pending.push(entry);
    return entry;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((entry) => entry !== handle);
  }
  now(): number {
    return this.clock;
  }
  /** Moves the clock `ms` on and runs the timers then due, in order (including ones they set that fall due). */
  advance(ms: number): void {
    const until = this.clock + ms;
    for (;;) {
      const next = this.pending.filter((e) => e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.pending = this.pending.filter((e) => e !== next);
      this.clock = next.at;
      next.fn();
    }
    this.clock = until;
  }
}

/** An uploader that hands the blob to the fake server (or fails as told). */
export class FakeUploader implements BlobUploader {
  uploads: string[] = [];
  failWith: Error | null = null;
  constructor(private readonly server: FakeSyncServer) {}
  async upload(job: BlobUpload): Promise<void> {
    this.uploads.push(job.sha256);
    if (this.failWith) throw this.failWith;
    job.onProgress(job.blob.size, job.blob.size);
    this.server.blobs.add(job.sha256);
  }
}

const opened: KioskDb[] = [];

/** Closes every database the tests opened (call in afterEach). */
export function closeTestKiosks(): void {
  for (const db of opened.splice(0)) db.close();
}

export async function testKiosk(deviceId: string, server: FakeSyncServer, random = () => 0.5) {
  const db = new KioskDb(`sync-${crypto.randomUUID()}`);
  opened.push(db);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const repos: Repositories = await openRepositories(db, key, deviceId);
  const api = new ApiClient({ baseUrl: 'http://sync.test', token: 't'.repeat(40), fetch: server.fetch });
  const network = new Store<NetworkState>({ online: true });
  const timers = new RecordingTimers();
  const uploader = new FakeUploader(server);
  const health = newSyncHealth();
  const engine = new SyncEngine({
    context: () => ({
      api,
      ...repos,
      uploader,
      uploadActivity: new UploadActivity(),
      health,
      now: () => timers.now(),
    }),
    count: () => repos.outbox.count(),
    network,
    timers,
    random,
  });
  return { db, repos, engine, network, timers, uploader, health, api };
}
