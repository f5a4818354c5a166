import type { NetworkState } from '../network/network-status';
import { Store } from '../state/store';
import { backoffDelay, type BackoffPolicy } from '../sync/backoff';
import { realTimers, type Timers } from '../sync/timers';
import { SseParser, type SseEvent } from './sse-parser';

export interface LiveChannelOptions {
  /** Opens the event stream (with the device's Bearer header); rejects or returns a non-streaming answer on failure. */
  readonly open: (signal: AbortSignal) => Promise<Response>;
  readonly network: Store<NetworkState>;
  readonly onEvent: (event: SseEvent) => void;
  /** Called on every (re)connection: events may have been missed while away, so catch up. */
  readonly onOpen?: () => void;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  /** With keep-alives every 15 s, this long without a byte means the connection died silently. */
  readonly idleMs?: number;
}

export interface LiveState {
  readonly connected: boolean;
  /** Failed attempts since the last stream that carried data. */
  readonly failures: number;
}

const LIVE_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };
const DEFAULT_IDLE_MS = 45_000;

/**
 * The live channel to the server: Server-Sent Events read with fetch (EventSource cannot send the Bearer
 * header), reconnected with exponential backoff and jitter, closed while the browser is offline and
 * reopened at once when it is back.
 */
export class LiveChannel {
  readonly state = new Store<LiveState>({ connected: false, failures: 0 });
  private readonly timers: Timers;
  private controller: AbortController | null = null;
  private retry: unknown = null;
  private idle: unknown = null;
  private running = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: LiveChannelOptions) {
    this.timers = opts.timers ?? realTimers;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    let online = this.opts.network.get().online;
    this.unsubscribe = this.opts.network.subscribe(() => {
      const now = this.opts.network.get().online;
      if (now === online) return;
      online = now;
      this.disconnect();
      if (now) {
        this.state.set({ failures: 0 });
        void this.connect();
      }
    });
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.disconnect();
  }

  private disconnect(): void {
    if (this.retry !== null) this.timers.clearTimeout(this.retry);
    this.retry = null;
    this.controller?.abort();
    this.controller = null;
  }

  private async connect(): Promise<void> {
    if (!this.running || !this.opts.network.get().online || this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const res = await this.opts.open(controller.signal);
      if (!res.body) throw new Error('no event stream');
      this.state.set({ connected: true });
      this.opts.onOpen?.();
      await this.read(res.body, controller);
    } catch {
      // Every way a stream ends (refused, cut, aborted) leads to the same place: reconnect later.
    } finally {
      this.clearIdle();
      if (this.controller === controller) this.controller = null;
      this.state.set({ connected: false });
    }
    // Closed on purpose (offline, stop): whoever closed it decides; cut, refused or silent: try again later.
    const intentional = controller.signal.aborted && controller.signal.reason !== IDLE;
    if (this.running && !intentional) this.scheduleReconnect();
  }

  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = body.getReader();
    const abort = () => void reader.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', abort, { once: true });
    this.armIdle(controller);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || controller.signal.aborted) return;
        this.armIdle(controller);
        if (this.state.get().failures > 0) this.state.set({ failures: 0 });
        for (const event of parser.push(decoder.decode(value, { stream: true }))) this.opts.onEvent(event);
      }
    } finally {
      controller.signal.removeEventListener('abort', abort);
    }
  }

  private scheduleReconnect(): void {
    const failures = this.state.get().failures + 1;
    this.state.set({ failures });
    const delay = backoffDelay(failures, this.opts.random ?? Math.random, this.opts.backoff ?? LIVE_BACKOFF);
    this.retry = this.timers.setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }

  private armIdle(controller: AbortController): void {
    this.clearIdle();
    this.idle = this.timers.setTimeout(() => controller.abort(IDLE), this.opts.idleMs ?? DEFAULT_IDLE_MS);
  }

  private clearIdle(): void {
    if (this.idle !== null) this.timers.clearTimeout(this.idle);
    this.idle = null;
  }
}

/** The abort reason of a stream that went silent (as opposed to one closed on purpose). */
const IDLE = 'idle';
