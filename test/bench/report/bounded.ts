import type { BenchRow, NotMeasured, Outcome } from './row';

/** Cleanups a metric registers as it acquires things (browsers, servers), run however the metric ends. */
export class Scope {
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  /**
   * Registers `cleanup` and returns a way to run it now (once): for things a metric releases itself between
   * its runs, still released if the metric is abandoned first.
   */
  adopt(cleanup: () => Promise<unknown>): () => Promise<void> {
    let done: Promise<void> | null = null;
    const once = (): Promise<void> =>
      (done ??= cleanup().then(
        () => undefined,
        () => undefined,
      ));
    this.defer(once);
    return once;
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  }
}

/** Where a group of metrics puts its results as it goes, so a later failure keeps what was measured. */
export class Results {
  readonly rows: BenchRow[] = [];
  readonly notMeasured: NotMeasured[] = [];
  readonly notes: string[] = [];

  add(row: BenchRow): void {
    this.rows.push(row);
  }

  missing(metric: string, reason: string): void {
    this.notMeasured.push({ metric, reason });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Every metric of `metrics` that has neither a row nor a reason yet gets `reason`. */
  settle(metrics: readonly string[], reason: string): Outcome {
    const told = new Set([...this.rows.map((r) => r.metric), ...this.notMeasured.map((m) => m.metric)]);
    for (const metric of metrics) if (!told.has(metric)) this.missing(metric, reason);
    return { rows: [...this.rows], notMeasured: [...this.notMeasured], notes: [...this.notes] };
  }
}

/**
 * Runs one group of metrics with a time limit. A failure or an overrun makes the group's metrics that have no
 * row yet "not measured" with its reason; rows already measured are kept. The group's browsers and servers
 * are closed either way, so one stuck metric cannot hold up or skew the rest.
 */
export async function runBounded(
  metrics: readonly string[],
  limitMs: number,
  body: (scope: Scope, results: Results) => Promise<void>,
): Promise<Outcome> {
  const scope = new Scope();
  const results = new Results();
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not finish within ${Math.round(limitMs / 1000)} s`), limitMs);
  });
  const attempt = body(scope, results).then(
    () => 'not measured by its group',
    (e: unknown) => `failed: ${e instanceof Error ? e.message : String(e)}`,
  );
  try {
    return results.settle(metrics, await Promise.race([attempt, overrun]));
  } finally {
    clearTimeout(timer);
    await scope.close();
  }
}
