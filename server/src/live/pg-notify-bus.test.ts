import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_URL } from '../test-support/engines';
import { within } from '../test-support/event-reader';
import type { LiveBus, LiveEvent } from './bus';
import { createPgNotifyBus, liveChannel } from './pg-notify-bus';

const quiet = { warn: () => undefined };

async function notifier(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    notify: async (channel: string, payload: string) => {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    end: () => client.end(),
  };
}

/** Collects what a bus delivers for one point, and waits for what should arrive. */
function listen(bus: LiveBus, pointId: string) {
  const got: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  bus.subscribe(pointId, (e) => {
    got.push(e);
    wake?.();
  });
  const until = (pred: (events: LiveEvent[]) => boolean, what: string, ms?: number) =>
    within(
      (async () => {
        while (!pred(got)) await new Promise<void>((r) => (wake = r));
      })(),
      what,
      ms,
    );
  return { got, until };
}

describe.runIf(PG_URL)('PostgreSQL LISTEN/NOTIFY live bus', () => {
  const url = PG_URL ?? '';

  it('delivers to other processes on the same scope, once to its own, and never across scopes', async () => {
    const scope = `s_${randomUUID()}`;
    const n = await notifier(url);
    const a = await createPgNotifyBus({ url, scope, notify: n.notify, log: quiet });
    const b = await createPgNotifyBus({ url, scope, notify: n.notify, log: quiet });
    const elsewhere = await createPgNotifyBus({ url, scope: `${scope}x`, notify: n.notify, log: quiet });
    try {
      const onA = listen(a, 'p');
      const onB = listen(b, 'p');
      const onElsewhere = listen(elsewhere, 'p');
      a.publish({ type: 'poke', pointId: 'p', scope: 'point', seq: 1 });
      await onB.until((g) => g.length === 1, 'B hears A');
      // B answers; A hears B only after its own notification went by (one connection, commit order).
      b.publish({ type: 'poke', pointId: 'p', scope: 'point', seq: 2 });
      await onA.until((g) => g.length === 2, 'A hears B');
      expect(onA.got).toEqual([
        { type: 'poke', pointId: 'p', scope: 'point', seq: 1 },
        { type: 'poke', pointId: 'p', scope: 'point', seq: 2 },
      ]);
      expect(onElsewhere.got).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close(), elsewhere.close()]);
      await n.end();
    }
  });

  it('ignores malformed notifications and keeps listening after its connection is killed', async () => {
    const scope = `s_${randomUUID()}`;
    const n = await notifier(url);
    const bus = await createPgNotifyBus({ url, scope, notify: n.notify, log: quiet, retryMs: 50 });
    try {
      const heard = listen(bus, 'p');
      await n.notify(liveChannel(scope), 'not json');
      await n.notify(
        liveChannel(scope),
        JSON.stringify({ origin: 'x', event: { type: 'poke', pointId: 'p' } }),
      );
      const lease = { draftId: randomUUID(), holder: null, expiresAt: null };
      await n.notify(
        liveChannel(scope),
        JSON.stringify({ origin: 'x', event: { type: 'lease', pointId: 'p', lease } }),
      );
      await heard.until((g) => g.length === 1, 'valid notification');
      expect(heard.got).toEqual([{ type: 'lease', pointId: 'p', lease }]);

      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where query = $1`,
          [`LISTEN ${liveChannel(scope)}`],
        );
        expect(killed.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      // Notifications sent while it reconnects are lost; keep poking until one gets through.
      let seq = 0;
      const poker = setInterval(() => {
        void n.notify(
          liveChannel(scope),
          JSON.stringify({ origin: 'x', event: { type: 'poke', pointId: 'p', scope: 'point', seq: ++seq } }),
        );
      }, 50);
      try {
        await heard.until((g) => g.some((e) => e.type === 'poke'), 'poke after reconnect', 10_000);
      } finally {
        clearInterval(poker);
      }
    } finally {
      await bus.close();
      await n.end();
    }
  });
});
