import { FIVE_THOUSAND_EDITS } from '../harness/src/edits';
import { installAppProbe, type AppProbe, type TimedSpan } from '../browser/app-probes';
import { nameFor, startNewDraft, typeInto } from '../browser/app-ui';
import type { Results, Scope } from '../report/bounded';
import { progress } from '../report/progress';
import { makeRow } from '../report/row';
import { SeedDevice } from '../servers/seed-device';
import type { WireProxy } from '../servers/wire-proxy';
import type { BenchContext } from './context';
import { copyKioskTemplate, type KioskTemplate } from './kiosk-template';

export const TYPING_METRIC = 'typing-longest-task-during-sync';
const GOAL_MS = 50;
/** A brisk typist: a key every 120 ms. */
const KEY_DELAY_MS = 120;
/** Typing stops here even if the sync has not finished (the row then says so). */
const TYPING_LIMIT_MS = 120_000;
const SHAPE = FIVE_THOUSAND_EDITS;
const API = /\/api\//;

/**
 * The real app on a copy of the kiosk template (5,100 operations in its outbox), while the point's other PC has
 * pushed 5,000 of its own: the app comes online with the draft form open, and a person types into the form
 * (a name, Tab, the next name …) until the kiosk has pushed everything and pulled everything back. The figure is
 * the longest main-thread task the browser reported (PerformanceObserver 'longtask') while the person typed.
 */
export async function measureTypingDuringSync(
  scope: Scope,
  results: Results,
  ctx: BenchContext,
  env: { site: string; proxy: WireProxy; template: KioskTemplate },
): Promise<void> {
  const { site, proxy, template } = env;
  const copy = await copyKioskTemplate(scope, ctx, template, site, proxy);
  try {
    const seed = await SeedDevice.enroll(copy.server.server.url, template.spareCode);
    const seeded = await seed.pushNewDrafts(SHAPE);
    // The PWA's service worker would install during the measurement on this first load; a kiosk in use has it idle.
    const profile = await copy.launch({ serviceWorkers: 'block' });
    await profile.context.addInitScript(installAppProbe);
    // The app syncs as soon as it starts: its API requests wait here until the form is open and typing begins.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await profile.context.route(API, async (route) => {
      await gate;
      await route.continue();
    });
    const page = await profile.context.newPage();
    await page.goto(`${proxy.url}/`);
    const { field } = await startNewDraft(page);

    // Everything is pulled once a page ends the log at or past every seeded and every pushed operation.
    const lastSeq = seeded + template.outbox;
    let pulledAll = false;
    page.on('response', (res) => {
      if (!res.url().includes('/api/v1/sync/pull')) return;
      void res
        .json()
        .then((body: { hasMore?: boolean; cursor?: number }) => {
          if (body.hasMore === false && (body.cursor ?? 0) >= lastSeq) pulledAll = true;
        })
        .catch(() => undefined);
    });

    const from = await page.evaluate(() => performance.now());
    release();
    // Waits for the held requests to be let through, then stops intercepting.
    await profile.context.unrouteAll({ behavior: 'wait' });
    progress(
      `typing: the app comes online with ${template.outbox} ops to push and ${seeded} to pull; typing`,
    );
    const started = Date.now();
    let names = 0;
    while (!pulledAll && Date.now() - started < TYPING_LIMIT_MS) {
      await typeInto(field, nameFor(names++), KEY_DELAY_MS);
      await field.press('Tab');
    }
    const to = await page.evaluate(() => performance.now());
    const probe: Pick<AppProbe, 'longTasks' | 'inputEvents' | 'fetches'> = await page.evaluate(() => ({
      longTasks: window.__benchProbe.longTasks,
      inputEvents: window.__benchProbe.inputEvents,
      fetches: window.__benchProbe.fetches,
    }));
    if (!pulledAll)
      throw new Error(`the sync had not pulled everything after ${TYPING_LIMIT_MS / 1000} s of typing`);

    const during = (spans: readonly TimedSpan[], a: number, b: number) =>
      spans.filter((t) => t.start < b && t.start + t.duration > a);
    const longest = (spans: readonly TimedSpan[]) => Math.max(0, ...spans.map((t) => t.duration));
    // One cycle pushes the whole outbox, then pulls: the first pull ends the push phase.
    const firstStart = (path: string) =>
      Math.min(...probe.fetches.filter((f) => f.path.endsWith(path)).map((f) => f.start));
    const pullFrom = firstStart('/sync/pull');
    const push = { from: firstStart('/sync/push'), to: pullFrom };
    const pull = { from: pullFrom, to };
    const tasks = during(probe.longTasks, from, to);
    const inPush = longest(during(tasks, push.from, push.to));
    const inPull = longest(during(tasks, pull.from, pull.to));
    const keys = during(probe.inputEvents, from, to);
    const seconds = Math.round((to - from) / 100) / 10;
    results.add(
      makeRow(TYPING_METRIC, longest(tasks), 'ms', 'goal (50 ms)', GOAL_MS, {
        runs: 1,
        storage: ctx.storage.summary(['browser profile', 'SQLite']),
        note:
          `One run: ${seconds} s of typing (${names} names, a key every ${KEY_DELAY_MS} ms, Tab after each) from the moment` +
          ` the app came online until it had pulled the log's end; ${tasks.length} long tasks (≥ 50 ms; the API reports` +
          ` no shorter ones, so 0 means none reached 50 ms). Longest while pushing ${Math.round(inPush)} ms, while pulling` +
          ` ${Math.round(inPull)} ms. Longest input event (key to next paint) ${Math.round(longest(keys))} ms.` +
          ` Service worker blocked; leaves out the app's start.`,
      }),
    );
    results.note(
      `${TYPING_METRIC}: ${template.outbox} ops pushed in ${Math.round(push.to - push.from)} ms (first push to first pull),` +
        ` ${seeded} seeded ops and this kiosk's own pulled back in ${Math.round(pull.to - pull.from)} ms (first pull to the` +
        ` log's end); long tasks: ${tasks.map((t) => Math.round(t.duration)).join(', ') || 'none'} ms.`,
    );
  } finally {
    await copy.release();
  }
}
