// Before dexie is loaded: the kiosk's databases live in fake-indexeddb under Node.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EnrollResponse } from '#shared/protocol/enroll';
import { Operation } from '#shared/entities/registry';
import { DraftOp, type DossierOp } from '#shared/protocol/operation';
import { asDossierOp } from '../support/ops';
import { openJson } from '../../renderer/src/crypto/record-cipher';
import { KioskDb, type OutboxRecord, type StatusChangeRecord } from '../../renderer/src/db/kiosk-db';
import { ConfigRepository } from '../../renderer/src/repo/config-repository';
import { openRepositories, type Repositories } from '../../renderer/src/repo/open-repositories';
import { opContext } from '../../renderer/src/repo/seal-contexts';
import { Store } from '../../renderer/src/state/store';
import { ApiClient } from '../../renderer/src/sync/api-client';
import { ApiError } from '../../renderer/src/sync/api-error';
import { SyncEngine, type Timers } from '../../renderer/src/sync/sync-engine';
import { newSyncHealth, type SyncHealth } from '../../renderer/src/sync/sync-health';
import { tusUploader } from '../../renderer/src/sync/tus-uploader';
import { UploadActivity } from '../../renderer/src/sync/upload-activity';
import type { Rng } from '../support/prng';

/** A person pressing "connect" again after a failure; the kiosk's own limit is the person's patience. */
const MAX_ENROLL_ATTEMPTS = 30;
/** Bound on one request, far above the proxy's delays, so a stall fails the trial instead of hanging it. */
const REQUEST_TIMEOUT_MS = 5_000;

/** The trial runs every cycle itself: the engine's backoff retries are recorded and never fire. */
const drivenTimers: Timers = {
  setTimeout: () => null,
  clearTimeout: () => undefined,
  now: () => Date.now(),
};

export interface Enrolled {
  readonly response: EnrollResponse;
  /** Requests it took, the successful one included. */
  readonly attempts: number;
}

/**
 * Enrolls as KioskServices.enroll does: one kiosk-made credential per (server, code), sent again with every retry of
 * that attempt, so an answer lost on the way is recognised instead of burning the code. (KioskServices
 * itself cannot be loaded under Node: it pulls in workbox-window and Vite's import.meta.glob.)
 */
export async function enrollThroughNetwork(
  baseUrl: string,
  code: string,
  deviceLabel: string,
  rng: Rng,
): Promise<Enrolled> {
  const api = new ApiClient({ baseUrl, timeoutMs: REQUEST_TIMEOUT_MS });
  const credential = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
  for (let attempt = 1; ; attempt++) {
    try {
      return { response: await api.enroll({ code, credential, deviceLabel }), attempts: attempt };
    } catch (e) {
      if (!(e instanceof ApiError) || !e.retryable) {
        throw new Error(`${deviceLabel}: enrollment attempt ${attempt} was refused: ${describe(e)}`);
      }
      if (attempt >= MAX_ENROLL_ATTEMPTS) {
        throw new Error(`${deviceLabel}: enrollment still failing after ${attempt} attempts: ${describe(e)}`);
      }
      await sleep(rng.int(1, 4));
    }
  }
}

/** What one start of the app builds over the kiosk's database: repositories, API client and sync engine. */
interface Running {
  readonly repos: Repositories;
  readonly engine: SyncEngine;
  readonly health: SyncHealth;
}

/**
 * One kiosk as the app assembles it below its screens: its own IndexedDB database and AES-GCM key, the real
 * repositories, ApiClient, sync steps and SyncEngine. Only what a test needs to watch is added around it:
 * every operation and status request written (read back from the outbox's sealed rows), and what this
 * kiosk had seen when it wrote each one.
 */
export class KioskReplica {
  /** Sealed outbox rows as they were written: every operation this kiosk ever made. */
  private readonly sealed: OutboxRecord[] = [];
  readonly statusRequests: StatusChangeRecord[] = [];
  /** A logical time per replica: when each stamp became known here (made here or pulled). */
  private time = 0;
  private readonly knownAt = new Map<string, number>();
  private readonly madeAt = new Map<string, number>();
  private running: Running | null = null;
  /** Drift heals of the app's earlier starts (the engine's own count starts at 0 each time). */
  private earlierHeals = 0;
  restarts = 0;

  private constructor(
    readonly name: string,
    readonly deviceId: string,
    readonly token: string,
    private readonly db: KioskDb,
    private readonly key: CryptoKey,
    readonly now: () => number,
    private readonly sizes: { pullPage: number; pushBatch: number },
    private readonly rng: Rng,
  ) {
    // Dexie's creating hooks run inside the kiosk's own write transaction, so nothing is missed or invented.
    db.outbox.hook('creating', (_key, row) => {
      this.sealed.push(row);
      this.madeAt.set(row.hlc, this.learn(row.hlc));
    });
    db.statusChanges.hook('creating', (_key, row) => {
      this.statusRequests.push({ ...row });
      this.learn(row.hlc);
    });
  }

  /** A freshly enrolled kiosk: the enrollment is stored (token encrypted) and the app started, as after enroll(). */
  static async open(opts: {
    name: string;
    enrolled: EnrollResponse;
    /** Where its requests go (the fault proxy). */
    baseUrl: string;
    skewMs: number;
    rng: Rng;
  }): Promise<KioskReplica> {
    const { enrolled, rng } = opts;
    const db = new KioskDb(`kiosk-fault-${randomUUID()}`);
    await db.open();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await new ConfigRepository(db, key).saveEnrollment({
      deviceId: enrolled.deviceId,
      token: enrolled.token,
      point: enrolled.point,
      serverUrl: opts.baseUrl,
    });
    // A trial's log is a few dozen operations; smaller pages and batches make a cycle pull and push several.
    const sizes = { pullPage: rng.int(2, 20), pushBatch: rng.int(1, 12) };
    const replica = new KioskReplica(
      opts.name,
      enrolled.deviceId,
      enrolled.token,
      db,
      key,
      () => Date.now() + opts.skewMs,
      sizes,
      rng,
    );
    await replica.start();
    replica.repos.clock.receive(enrolled.serverTime);
    return replica;
  }

  get repos(): Repositories {
    return this.current().repos;
  }

  /** Drift heals since the kiosk was enrolled. */
  get heals(): number {
    return this.earlierHeals + this.current().health.heals;
  }

  /** One sync cycle of the real steps; resolves with the cycle's error code (null when it completed). */
  async sync(): Promise<string | null> {
    const { engine } = this.current();
    await engine.syncNow();
    return engine.status.get().error;
  }

  /** The app closes and starts again between cycles: everything is read back from the database. */
  async restart(): Promise<void> {
    await this.repos.drafts.idle();
    this.earlierHeals = this.heals;
    this.running = null;
    this.restarts++;
    await this.start();
  }

  get opsMade(): number {
    return this.sealed.length;
  }

  /** Every operation this kiosk made, decrypted from the rows its outbox was given, in the order made. */
  async made(): Promise<DraftOp[]> {
    return Promise.all(
      this.sealed.map(async (row) =>
        DraftOp.parse(asDossierOp(Operation.parse(await openJson(this.key, opContext(row.hlc), row)))),
      ),
    );
  }

  /** Whether `hlc` was known here (made or pulled) before this kiosk made `madeHlc`. */
  knewBefore(hlc: string, madeHlc: string): boolean {
    const known = this.knownAt.get(hlc);
    const made = this.madeAt.get(madeHlc);
    return known !== undefined && made !== undefined && known < made;
  }

  /** The same database and key opened afresh: what the kiosk would show after a restart (nothing cached). */
  reopen(): Promise<Repositories> {
    return openRepositories(this.db, this.key, this.deviceId, this.now);
  }

  async close(): Promise<void> {
    await this.running?.repos.drafts.idle();
    await this.db.delete();
  }

  /** As KioskServices.open + activate: the enrollment read back from the database, then repositories and sync. */
  private async start(): Promise<void> {
    const enrollment = await new ConfigRepository(this.db, this.key).loadEnrollment();
    if (enrollment?.deviceId !== this.deviceId || enrollment.token !== this.token) {
      throw new Error(`${this.name}: the stored enrollment does not read back as it was saved`);
    }
    const repos = await openRepositories(this.db, this.key, enrollment.deviceId, this.now);
    const api = new ApiClient({
      baseUrl: enrollment.serverUrl,
      token: enrollment.token,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const { pullPage, pushBatch } = this.sizes;
    const health = newSyncHealth();
    const uploadActivity = new UploadActivity();
    const engine = new SyncEngine({
      context: () => ({
        api: {
          push: (ops) => api.push(ops),
          pull: (scope, cursor) => api.pull(scope, cursor, pullPage),
          digest: (scope, cursor) => api.digest(scope, cursor),
          config: () => api.config(),
          changeStatus: (req) => api.changeStatus(req),
          hasBlob: (sha) => api.hasBlob(sha),
        },
        ...repos,
        deviceId: this.deviceId,
        outbox: {
          peek: (limit, held, after) => repos.outbox.peek(Math.min(limit, pushBatch), held, after),
          ack: (hlcs, draftIds) => repos.outbox.ack(hlcs, draftIds),
          referencedBlobs: () => repos.outbox.referencedBlobs(),
        },
        // The same repository; the replica only notes which stamps it has now seen.
        drafts: {
          applyRemote: async (ops: readonly DossierOp[], position) => {
            await repos.drafts.applyRemote(ops, position);
            for (const op of ops) this.learn(op.hlc);
          },
        },
        uploader: tusUploader({ target: () => api.uploadTarget(), storage: repos.uploadUrls }),
        uploadActivity,
        health,
        now: this.now,
      }),
      count: () => repos.outbox.count(),
      network: new Store({ online: true }),
      timers: drivenTimers,
      random: () => this.rng.next(),
    });
    this.running = { repos, engine, health };
  }

  private current(): Running {
    if (!this.running) throw new Error(`${this.name} is not running`);
    return this.running;
  }

  private learn(hlc: string): number {
    const at = this.knownAt.get(hlc);
    if (at !== undefined) return at;
    this.knownAt.set(hlc, ++this.time);
    return this.time;
  }
}

function describe(e: unknown): string {
  if (e instanceof ApiError) return `${e.code} ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
