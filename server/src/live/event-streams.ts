import type { ServerResponse } from 'node:http';
import type { LiveEventName } from '#shared/protocol/live';
import type { LiveBus, LiveEvent } from './bus';

export interface SseEvent {
  event: LiveEventName;
  data: unknown;
}

export interface EventStreamsOptions {
  /** Interval of `: keep-alive` comments, so proxies keep an idle stream open. */
  keepAliveMs: number;
  /** Open streams per device; opening one more ends the oldest (a kiosk that reconnected left it behind). */
  maxPerDevice: number;
  /** Checked at each keep-alive: a revoked device's stream ends. */
  stillAllowed(deviceId: string): Promise<boolean>;
}

/** Bytes a slow reader may leave unread before its stream is dropped (events are tens of bytes). */
const MAX_BACKLOG = 256 * 1024;

interface OpenStream {
  deviceId: string;
  end(): void;
}

export function formatEvent({ event, data }: SseEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function toSse(e: LiveEvent): SseEvent {
  return e.type === 'poke'
    ? { event: 'poke', data: { scope: e.scope, seq: e.seq } }
    : { event: 'lease', data: e.lease };
}

/** The open Server-Sent Events streams of this process: one per kiosk connection, fed from the bus. */
export class EventStreams {
  private readonly byDevice = new Map<string, OpenStream[]>();

  constructor(
    private readonly bus: LiveBus,
    private readonly opts: EventStreamsOptions,
  ) {}

  get size(): number {
    let n = 0;
    for (const list of this.byDevice.values()) n += list.length;
    return n;
  }

  /**
   * Streams the point's events on `res` (taken over from Fastify, headers not yet sent) until the client goes away or `closeAll`.
   * `initial` (the current state) is read after subscribing and written first; events published meanwhile
   * are held and written after it, so nothing is missed and the last word on a lease is the newest.
   */
  open(
    res: ServerResponse,
    who: { deviceId: string; pointId: string },
    initial: () => Promise<SseEvent[]>,
  ): void {
    const mine = this.byDevice.get(who.deviceId) ?? [];
    while (mine.length >= this.opts.maxPerDevice) mine.shift()?.end();

    let ended = false;
    const write = (chunk: string) => {
      if (ended) return;
      res.write(chunk);
      if (res.writableLength > MAX_BACKLOG) res.destroy();
    };
    let held: string[] | undefined = [];
    const unsubscribe = this.bus.subscribe(who.pointId, (e) => {
      const chunk = formatEvent(toSse(e));
      if (held) held.push(chunk);
      else write(chunk);
    });
    const keepAlive = setInterval(() => {
      write(': keep-alive\n\n');
      this.opts.stillAllowed(who.deviceId).then(
        (ok) => ok || stream.end(),
        () => undefined,
      );
    }, this.opts.keepAliveMs);
    keepAlive.unref();

    const stream: OpenStream = {
      deviceId: who.deviceId,
      end: () => {
        if (!ended) res.end();
        cleanup();
      },
    };
    const cleanup = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      unsubscribe();
      const list = this.byDevice.get(who.deviceId);
      const at = list?.indexOf(stream) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
      if (list && !list.length) this.byDevice.delete(who.deviceId);
    };
    res.on('close', cleanup);
    mine.push(stream);
    this.byDevice.set(who.deviceId, mine);

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    // A comment first, so the client sees the stream open before any event.
    write(': connected\n\n');
    initial().then(
      (events) => {
        const later = held ?? [];
        held = undefined;
        for (const e of events) write(formatEvent(e));
        for (const chunk of later) write(chunk);
      },
      () => stream.end(),
    );
  }

  /** Ends every stream (server shutdown): a closing server must not wait for kiosks to hang up. */
  closeAll(): void {
    for (const list of [...this.byDevice.values()]) for (const s of [...list]) s.end();
  }
}
