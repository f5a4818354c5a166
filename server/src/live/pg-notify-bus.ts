import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { LeaseState, LivePoke } from '#shared/protocol/live';
import { createLocalBus, type LiveBus, type LiveEvent } from './bus';

const Envelope = z.object({
  origin: z.string(),
  event: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('poke'),
      pointId: z.string().nullable(),
      scope: LivePoke.shape.scope,
      seq: LivePoke.shape.seq,
    }),
    z.object({ type: z.literal('lease'), pointId: z.string(), lease: LeaseState }),
  ]),
});

export interface PgNotifyBusOptions {
  /** Connection URL for the LISTEN connection (it cannot share the pool). */
  url: string;
  /** What separates apps sharing one database (the schema): each gets its own channel. */
  scope: string;
  /** Sends NOTIFY through the app's pool. */
  notify(channel: string, payload: string): Promise<void>;
  log: { warn(obj: object, msg: string): void };
  /** First reconnect delay after the LISTEN connection drops; doubles up to 30 s. */
  retryMs?: number;
}

const MAX_RETRY_MS = 30_000;

/** The channel of an app: a fixed-length identifier, whatever the schema is called. */
export function liveChannel(scope: string): string {
  return `dvc_live_${createHash('sha256').update(scope).digest('hex').slice(0, 16)}`;
}

/**
 * A bus shared by every server process over one PostgreSQL database: events are delivered locally at once
 * and sent to the other processes with NOTIFY; each process LISTENs on the app's channel and ignores its
 * own. Events missed while the LISTEN connection is down are not replayed: a kiosk also pulls on a timer.
 */
export async function createPgNotifyBus(opts: PgNotifyBusOptions): Promise<LiveBus> {
  const local = createLocalBus();
  const origin = randomUUID();
  const channel = liveChannel(opts.scope);
  const firstDelay = opts.retryMs ?? 500;
  let delay = firstDelay;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const receive = (payload: string) => {
    let parsed: z.infer<typeof Envelope>;
    try {
      parsed = Envelope.parse(JSON.parse(payload));
    } catch {
      opts.log.warn({ channel }, 'ignored a malformed live notification');
      return;
    }
    if (parsed.origin !== origin) local.publish(parsed.event);
  };

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err: unknown) => {
        opts.log.warn({ err: { message: (err as Error).message } }, 'live LISTEN reconnect failed');
        scheduleReconnect();
      });
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: opts.url });
    const drop = () => {
      if (client === c) client = undefined;
      c.removeAllListeners('notification');
      scheduleReconnect();
    };
    c.on('error', (err) => {
      opts.log.warn({ err: { message: err.message } }, 'live LISTEN connection lost');
      drop();
    });
    c.on('end', drop);
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) receive(msg.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await c.end();
      return;
    }
    client = c;
    delay = firstDelay;
  };

  try {
    await connect();
  } catch (err) {
    // Start anyway: local delivery works, and the listener keeps trying.
    opts.log.warn({ err: { message: (err as Error).message } }, 'live LISTEN connection failed');
    scheduleReconnect();
  }

  return {
    publish(event: LiveEvent) {
      local.publish(event);
      opts.notify(channel, JSON.stringify({ origin, event })).catch((err: unknown) => {
        opts.log.warn({ err: { message: (err as Error).message } }, 'live NOTIFY failed');
      });
    },
    subscribe: (pointId, listener) => local.subscribe(pointId, listener),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
      await local.close();
    },
  };
}
