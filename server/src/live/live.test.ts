import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PG_URL, postgresEngine, sqliteEngine } from '../test-support/engines';
import { nextPoke, openEvents } from '../test-support/event-reader';
import { startTestServer } from '../test-support/test-server';
import { liveSuite } from './live.suite';

describe('live events on SQLite', () => liveSuite(sqliteEngine));
describe.runIf(PG_URL)('live events on PostgreSQL', () => liveSuite(() => postgresEngine()));

describe.runIf(PG_URL)('live events across server processes (PostgreSQL LISTEN/NOTIFY)', () => {
  it('pokes a stream on one app instance when a device pushes through another over the same schema', async () => {
    const engine = postgresEngine();
    const one = await startTestServer(engine);
    const two = await startTestServer(engine);
    try {
      const { devices } = await one.point(2);
      const [pc1, pc2] = devices;
      if (!pc1 || !pc2) throw new Error('devices missing');
      const stream = await openEvents(two.server.url, pc2.token);
      try {
        expect(await nextPoke(stream)).toEqual({ scope: 'point', seq: 0 });
        const draft = randomUUID();
        expect((await one.push(pc1, [pc1.ops.create(draft), pc1.ops.set(draft, 'x', 1)])).status).toBe(200);
        expect(await nextPoke(stream)).toEqual({ scope: 'point', seq: 2 });
      } finally {
        stream.close();
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
      await engine.dispose();
    }
  });
});
