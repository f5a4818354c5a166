import { Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LivePoke } from '#shared/protocol/live';
import { createLogger } from '../../../server/src/app/logger';
import { LiveChannel } from '../../../renderer/src/live/live-channel';
import { localEditTrigger } from '../../../renderer/src/sync/sync-engine';
import { realTimers } from '../../../renderer/src/sync/timers';
import { RealPoint, type TestKiosk } from './real-point';

/** The requests the server answered, as its own request log lines tell (route pattern and method). */
const served: { method: string; route: string }[] = [];
const requestLog = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { msg?: string; method?: string; route?: string };
      if (entry.msg === 'request' && entry.method && entry.route)
        served.push({ method: entry.method, route: entry.route });
    }
    done();
  },
});

let point: RealPoint;
beforeEach(async () => {
  point = await RealPoint.start({ logger: createLogger({ destination: requestLog }) });
});
afterEach(async () => point.close());

/** Waits (up to 10 s) for `check` to hold; the test fails if it never does. */
async function until(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !(await check());) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A kiosk as the app runs it: real timers, edits trigger a push, the live channel's pokes a pull. */
async function runningKiosk(label: string) {
  const kiosk = await point.kiosk(label, () => 0.5, realTimers);
  const pokes: LivePoke[] = [];
  const live = new LiveChannel({
    open: (signal) => kiosk.api.openEvents(signal),
    network: kiosk.network,
    onEvent: (event) => {
      if (event.event !== 'poke') return;
      const poke = LivePoke.parse(JSON.parse(event.data));
      pokes.push(poke);
      kiosk.engine.poke(poke.scope, poke.seq);
    },
  });
  kiosk.engine.start([localEditTrigger(kiosk.repos.changes)]);
  live.start();
  return { ...kiosk, live, pokes };
}

const idle = (k: TestKiosk) => k.engine.status.get().phase === 'idle';

it('one edit on PC 1 seen on PC 2 costs exactly one push and one pull at the server', async () => {
  const pc1 = await runningKiosk('PC 1');
  const pc2 = await runningKiosk('PC 2');
  try {
    // Steady state: a dossier both PCs hold, both streams open, every first cycle done.
    const draftId = await pc1.repos.drafts.createDraft('dang-ky-tam-tru');
    await until('PC 2 has the dossier', async () => (await pc2.repos.drafts.load(draftId)) !== null);
    await until(
      'both idle',
      () => idle(pc1) && idle(pc2) && pc1.live.state.get().connected && pc2.live.state.get().connected,
    );
    const seqBefore = (await point.log()).length;
    served.length = 0;

    await pc1.repos.drafts.setField(draftId, 'fullName', 'Nguyễn Thị Minh Khai');

    const seq = seqBefore + 1;
    await until(
      'PC 2 shows the edit',
      async () => (await pc2.repos.drafts.load(draftId))?.values.fullName === 'Nguyễn Thị Minh Khai',
    );
    // Both PCs heard the poke of the new seq: PC 1 found its cursor already there and did nothing.
    await until('both poked', () =>
      [pc1, pc2].every((k) => k.pokes.some((p) => p.scope === 'point' && p.seq === seq)),
    );
    await until('both idle', () => idle(pc1) && idle(pc2));

    const sync = served.filter((r) => r.route !== '/api/v1/events');
    expect(sync).toEqual(
      expect.arrayContaining([
        { method: 'POST', route: '/api/v1/sync/push' },
        { method: 'GET', route: '/api/v1/sync/pull' },
      ]),
    );
    expect(sync).toHaveLength(2);
    // Nothing was merged or encrypted twice: PC 1's cursor moved over its own op without pulling it.
    expect(await pc1.repos.syncState.position()).toMatchObject({ cursor: seq, digest: { count: seq } });
    expect(await pc2.repos.syncState.position()).toMatchObject({ cursor: seq, digest: { count: seq } });
  } finally {
    for (const k of [pc1, pc2]) {
      k.live.stop();
      k.engine.stop();
    }
  }
});
