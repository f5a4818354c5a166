import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { Operation } from '#shared/entities/registry';
import type { EnrollResponse } from '#shared/protocol/enroll';
import { createAdmin } from '../../../server/src/admin/index';
import type { StartOptions } from '../../../server/src/main';
import { sqliteEngine, type TestEngine } from '../../../server/src/test-support/engines';
import { startTestServer, type TestServer } from '../../../server/src/test-support/test-server';
import { KioskDb } from '../../../renderer/src/db/kiosk-db';
import type { NetworkState } from '../../../renderer/src/network/network-status';
import { openRepositories, type Repositories } from '../../../renderer/src/repo/open-repositories';
import { Store } from '../../../renderer/src/state/store';
import { ApiClient, type FetchLike } from '../../../renderer/src/sync/api-client';
import { UploadError, type BlobUpload, type BlobUploader } from '../../../renderer/src/sync/blob-uploader';
import { SyncEngine, type Timers } from '../../../renderer/src/sync/sync-engine';
import { newSyncHealth } from '../../../renderer/src/sync/sync-health';
import { RecordingTimers } from '../../../renderer/src/sync/testing/recording-timers';
import { tusUploader } from '../../../renderer/src/sync/tus-uploader';
import { UploadActivity } from '../../../renderer/src/sync/upload-activity';

/**
 * Faults the real server cannot produce, injected between a kiosk and it: failures before the request
 * reaches the server, an answer lost after the server committed, a partial acknowledgement, a pull page
 * that lost a row. Every request is also recorded (method and path), for counting.
 */
export class Faults {
  /** Requests to /sync/* to fail before they reach the server: an HTTP answer, or 'network'. */
  failures: ({ status: number; body: unknown } | 'network')[] = [];
  /** The next push reaches the server and commits, and its answer is lost. */
  loseNextAnswer = false;
  /** The server's acknowledgement of a push keeps only this many ids. */
  ackLimit = Infinity;
  /** Seqs a pull answer silently leaves out, once each. */
  readonly skipInPull = new Set<number>();
  readonly requests: string[] = [];
  /** The scope of each pull and digest request sent, in order. */
  readonly pulls: string[] = [];
  readonly digests: string[] = [];
  /** The body of each status change sent. */
  readonly statusRequests: { expected: string; next: string }[] = [];
  /** The ids of each push batch sent, in order (whatever became of it). */
  readonly pushes: string[][] = [];

  constructor(private readonly inner: FetchLike = (input, init) => fetch(input, init)) {}

  readonly fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    this.requests.push(`${init.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname === '/api/v1/sync/pull') this.pulls.push(url.searchParams.get('scope') ?? 'point');
    if (url.pathname === '/api/v1/sync/digest') this.digests.push(url.searchParams.get('scope') ?? 'point');
    if (url.pathname.endsWith('/status'))
      this.statusRequests.push(JSON.parse(String(init.body)) as { expected: string; next: string });
    if (url.pathname === '/api/v1/sync/push')
      this.pushes.push((JSON.parse(String(init.body)) as { ops: { hlc: string }[] }).ops.map((o) => o.hlc));
    if (url.pathname.startsWith('/api/v1/sync/')) {
      const failure = this.failures.shift();
      if (failure === 'network') throw new TypeError('Failed to fetch');
      if (failure) return json(failure.status, failure.body);
    }
    const res = await this.inner(input, init);
    if (url.pathname === '/api/v1/sync/push' && res.ok) {
      const body = (await res.json()) as { acked: string[] };
      if (this.loseNextAnswer) {
        this.loseNextAnswer = false;
        throw new TypeError('Failed to fetch');
      }
      if (body.acked.length > this.ackLimit)
        return json(200, { ...body, acked: body.acked.slice(0, this.ackLimit) });
      return json(200, body);
    }
    if (url.pathname === '/api/v1/sync/pull' && res.ok && this.skipInPull.size) {
      const body = (await res.json()) as { ops: { seq: number }[] };
      return json(200, { ...body, ops: body.ops.filter((o) => !this.skipInPull.delete(o.seq)) });
    }
    return res;
  };

  count(pattern: RegExp): number {
    return this.requests.filter((r) => pattern.test(r)).length;
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * The real tus uploader, with a switch to fail before sending (a cut connection, or the server's 413).
 * tus-js-client's Node build reads Buffers, not Blobs (the browser build reads Blobs): the bytes are handed
 * over as a Buffer here.
 */
export class SwitchableUploader implements BlobUploader {
  readonly uploads: string[] = [];
  failWith: UploadError | null = null;
  constructor(private readonly inner: BlobUploader) {}
  async upload(job: BlobUpload): Promise<void> {
    this.uploads.push(job.sha256);
    if (this.failWith) throw this.failWith;
    const bytes = Buffer.from(await job.blob.arrayBuffer());
    await this.inner.upload({ ...job, blob: bytes as unknown as Blob });
  }
}

const opened: KioskDb[] = [];

/** One point on the real server (SQLite in a temp folder, in this process) and its kiosks. */
export class RealPoint {
  private constructor(
    private readonly engine: TestEngine,
    readonly t: TestServer,
    readonly pointId: string,
  ) {}

  static async start(opts: Partial<StartOptions> = {}): Promise<RealPoint> {
    const engine = sqliteEngine();
    const t = await startTestServer(engine, opts);
    const point = await createAdmin(t.server.db.kysely).createPoint(`Điểm ${randomUUID().slice(0, 8)}`);
    return new RealPoint(engine, t, point.id);
  }

  /**
   * Enrolls a kiosk through the API and assembles it as the app does below its screens. Its timers only
   * record what is scheduled (the test runs cycles itself) unless real ones are given.
   */
  async kiosk(label: string, random = () => 0.5, realTimers?: Timers) {
    const [code] = await createAdmin(this.t.server.db.kysely).issueEnrollmentCodes(this.pointId, 1);
    const enrolled = (await new ApiClient({ baseUrl: this.t.server.url }).enroll({
      code: code ?? '',
      deviceLabel: label,
    })) satisfies EnrollResponse;
    const db = new KioskDb(`sync-${randomUUID()}`);
    opened.push(db);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const recording = new RecordingTimers();
    const timers = realTimers ?? recording;
    const repos: Repositories = await openRepositories(db, key, enrolled.deviceId, () => timers.now());
    await repos.published.applySnapshot(enrolled.published);
    const faults = new Faults();
    const api = new ApiClient({ baseUrl: this.t.server.url, token: enrolled.token, fetch: faults.fetch });
    const network = new Store<NetworkState>({ online: true });
    const uploader = new SwitchableUploader(
      tusUploader({ target: () => api.uploadTarget(), storage: repos.uploadUrls }),
    );
    const health = newSyncHealth();
    const engine = new SyncEngine({
      context: () => ({
        api,
        ...repos,
        deviceId: enrolled.deviceId,
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
    return { db, repos, engine, network, timers: recording, uploader, health, api, faults, enrolled };
  }

  /** The point's log as the server holds it, in seq order. */
  async log(): Promise<Operation[]> {
    const rows = await this.t.server.db.kysely
      .selectFrom('ops')
      .select('body_json')
      .where('point_id', '=', this.pointId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => Operation.parse(JSON.parse(r.body_json)));
  }

  /** Another device's (or the authority's) status change, through the API as a kiosk would ask it. */
  async setStatus(kiosk: TestKiosk, draftId: string, expected: string, next: string) {
    const res = await kiosk.api.changeStatus({
      draftId,
      expected: expected as never,
      next: next as never,
      hlc: kiosk.repos.clock.tick(),
    });
    if (!res.ok) throw new Error(`status ${expected}→${next} refused: now ${res.current}`);
  }

  async close(): Promise<void> {
    for (const db of opened.splice(0)) db.close();
    await this.t.close();
    await this.engine.dispose();
  }
}

export type TestKiosk = Awaited<ReturnType<RealPoint['kiosk']>>;
