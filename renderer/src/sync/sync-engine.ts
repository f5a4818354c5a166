import { StorageFullError } from '../db/storage-errors';
import type { NetworkState } from '../network/network-status';
import type { ChangeFeed } from '../repo/change-feed';
import { Store } from '../state/store';
import { ApiError, type ApiErrorCode } from './api-error';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { Scope } from '#shared/entities/scopes';
import { noteServerSeq } from './sync-health';
import { DEFAULT_SYNC_STEPS, type CyclePlan, type SyncContext, type SyncStep } from './sync-steps';
import { realTimers, type Timers } from './timers';

export type { Timers } from './timers';

export type SyncPhase = 'idle' | 'syncing' | 'waiting';
export type SyncErrorCode = ApiErrorCode | 'STORAGE_FULL' | 'UNKNOWN';

export interface SyncSnapshot {
  readonly phase: SyncPhase;
  /** Operations on this device the server has not acknowledged yet. */
  readonly pending: number;
  readonly lastSyncedAt: number | null;
  /** Why the last cycle failed; cleared by the next cycle that completes. */
  readonly error: SyncErrorCode | null;
  /** When the next retry after a failure is due (ms since epoch). */
  readonly retryAt: number | null;
}

/**
 * Why a sync was asked for. 'online' and 'manual' skip the backoff wait; the others respect it. An 'edit'
 * runs the push steps only; 'tick', 'online' and 'manual' run everything (the scheduled cycle: timed pulls and
 * drift checks included). A live poke is not a reason: see `poke`.
 */
export type SyncReason = 'edit' | 'online' | 'tick' | 'manual';

/** A source of sync requests. The engine installs these when it starts. */
export type SyncTrigger = (request: (reason: SyncReason) => void) => () => void;

export interface SyncEngineOptions {
  /** The sync context of the enrolled device, or null before enrollment. */
  readonly context: () => SyncContext | null;
  readonly count: () => Promise<number>;
  readonly network: Store<NetworkState>;
  readonly steps?: readonly SyncStep[];
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** Delay after a local edit, so a burst of keystrokes goes in one push. */
  readonly editDelayMs?: number;
}

/** Short: the field's own autosave debounce has already batched the keystrokes. */
const DEFAULT_EDIT_DELAY_MS = 100;

/**
 * Runs sync cycles (push then pull, by default) one at a time, when asked by its triggers. A failed cycle
 * is retried with exponential backoff and jitter; going online retries at once.
 */
export class SyncEngine {
  readonly status = new Store<SyncSnapshot>({
    phase: 'idle',
    pending: 0,
    lastSyncedAt: null,
    error: null,
    retryAt: null,
  });
  private readonly timers: Timers;
  private readonly steps: readonly SyncStep[];
  private failures = 0;
  private timer: { handle: unknown; at: number } | null = null;
  private running: Promise<void> | null = null;
  private wanted: { push: boolean; pull: Set<Scope>; scheduled: boolean } = {
    push: false,
    pull: new Set(),
    scheduled: false,
  };
  private readonly stops: (() => void)[] = [];

  constructor(private readonly opts: SyncEngineOptions) {
    this.timers = opts.timers ?? realTimers;
    this.steps = opts.steps ?? DEFAULT_SYNC_STEPS;
  }

  /** Installs the triggers (e.g. `onlineTrigger`, `intervalTrigger`, `localEditTrigger`) and syncs once. */
  start(triggers: readonly SyncTrigger[]): void {
    for (const trigger of triggers) this.stops.push(trigger((reason) => this.request(reason)));
    this.request('manual');
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.clearTimer();
  }

  /** Asks for a sync soon. Edits wait a moment (to batch keystrokes); failures wait out their backoff. */
  request(reason: SyncReason): void {
    this.note(reason);
    if (reason === 'online' || reason === 'manual') this.failures = 0;
    // While backing off, the retry timer is already set; other requests would only hammer a failing server.
    if (this.failures > 0) return;
    this.schedule(reason === 'edit' ? (this.opts.editDelayMs ?? DEFAULT_EDIT_DELAY_MS) : 0);
  }

  /**
   * A live poke: the scope's log has grown to `seq`. Nothing happens when this device's cursor is already
   * there (its own push, or a repeat); otherwise a cycle pulls that scope only — a poke never pushes.
   */
  poke(scope: Scope, seq: number): void {
    const health = this.opts.context()?.health;
    if (health) {
      noteServerSeq(health, scope, seq);
      const cursor = health.cursors.get(scope);
      if (cursor !== undefined && seq <= cursor) return;
    }
    this.wanted.pull.add(scope);
    if (this.failures > 0) return;
    this.schedule(0);
  }

  /** Runs the work asked for (a full cycle unless told otherwise), joining a cycle already running. */
  async syncNow(reason: SyncReason = 'manual'): Promise<void> {
    this.note(reason);
    return this.run();
  }

  private note(reason: SyncReason): void {
    this.wanted.push = true;
    if (reason !== 'edit') this.wanted.scheduled = true;
  }

  private async run(): Promise<void> {
    this.clearTimer();
    if (this.running) return this.running;
    this.running = this.loop();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** One cycle, then more while work keeps being asked for and nothing fails (a failure waits for its retry). */
  private async loop(): Promise<void> {
    if (!this.hasWork()) return this.refreshPending();
    do await this.cycle();
    while (this.hasWork() && this.failures === 0);
  }

  private hasWork(): boolean {
    const w = this.wanted;
    return w.push || w.scheduled || w.pull.size > 0;
  }

  private takePlan(): CyclePlan {
    const w = this.wanted;
    this.wanted = { push: false, pull: new Set(), scheduled: false };
    return { push: w.push, pull: w.pull, due: w.scheduled, drift: w.scheduled };
  }

  /** Puts a failed cycle's plan back, so its retry does the same work. */
  private restore(plan: CyclePlan): void {
    this.wanted.push ||= plan.push;
    this.wanted.scheduled ||= plan.due;
    for (const scope of plan.pull) this.wanted.pull.add(scope);
  }

  private async cycle(): Promise<void> {
    const ctx = this.opts.context();
    if (!ctx || !this.opts.network.get().online) {
      // Dropped: going online (or enrolling) asks for a full cycle anyway.
      this.takePlan();
      await this.refreshPending();
      return;
    }
    const plan = this.takePlan();
    this.status.set({ phase: 'syncing' });
    let complete = true;
    let error: SyncErrorCode | null = null;
    try {
      for (const step of this.steps) complete = (await step(ctx, plan)) && complete;
    } catch (e) {
      complete = false;
      error = errorCode(e);
    }
    await this.refreshPending();
    if (complete) {
      this.failures = 0;
      this.status.set({ phase: 'idle', error: null, retryAt: null, lastSyncedAt: this.timers.now() });
      return;
    }
    this.failures += 1;
    this.restore(plan);
    const delay = backoffDelay(
      this.failures,
      this.opts.random ?? Math.random,
      this.opts.backoff ?? DEFAULT_BACKOFF,
    );
    this.status.set({ phase: 'waiting', error, retryAt: this.timers.now() + delay });
    this.schedule(delay);
  }

  private async refreshPending(): Promise<void> {
    this.status.set({ pending: await this.opts.count() });
  }

  private schedule(delayMs: number): void {
    const at = this.timers.now() + delayMs;
    if (this.timer && this.timer.at <= at) return;
    this.clearTimer();
    const handle = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delayMs);
    this.timer = { handle, at };
  }

  private clearTimer(): void {
    if (this.timer) this.timers.clearTimeout(this.timer.handle);
    this.timer = null;
  }
}

function errorCode(e: unknown): SyncErrorCode {
  if (e instanceof ApiError) return e.code;
  if (e instanceof StorageFullError) return 'STORAGE_FULL';
  return 'UNKNOWN';
}

/** Syncs as soon as the browser says it is back online. */
export const onlineTrigger =
  (network: Store<NetworkState>): SyncTrigger =>
  (request) => {
    let was = network.get().online;
    return network.subscribe(() => {
      const now = network.get().online;
      if (now && !was) request('online');
      was = now;
    });
  };

/**
 * A periodic tick, so changes made on the point's other PC arrive without anyone touching this one. While
 * `quiet()` holds (the live channel delivers pokes) only every `quietEvery`-th tick asks for a cycle.
 */
export const intervalTrigger =
  (everyMs: number, quiet: () => boolean = () => false, quietEvery = 12): SyncTrigger =>
  (request) => {
    let n = 0;
    const handle = setInterval(() => {
      n += 1;
      if (!quiet() || n % quietEvery === 0) request('tick');
    }, everyMs);
    return () => clearInterval(handle);
  };

/** Pushes shortly after each local edit. */
export const localEditTrigger =
  (changes: ChangeFeed): SyncTrigger =>
  (request) =>
    changes.subscribe((_ids, source) => {
      if (source === 'local') request('edit');
    });
