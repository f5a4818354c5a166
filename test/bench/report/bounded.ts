import type { Outcome } from './row';

/** Cleanups a metric registers as it acquires things (browsers, servers), run however the metric ends. */
export class Scope {
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  }
}

/**
 * Runs one metric with a time limit. A failure or an overrun becomes "not measured" with its reason, and the
 * metric's browsers and servers are closed either way, so one stuck metric cannot hold up or skew the rest.
 */
export async function runBounded(
  metric: string,
  limitMs: number,
  body: (scope: Scope) => Promise<Outcome>,
): Promise<Outcome> {
  const scope = new Scope();
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({ notMeasured: { metric, reason: `did not finish within ${Math.round(limitMs / 1000)} s` } }),
      limitMs,
    );
  });
  const attempt = body(scope).catch((e: unknown): Outcome => ({
    notMeasured: { metric, reason: `failed: ${e instanceof Error ? e.message : String(e)}` },
  }));
  try {
    return await Promise.race([attempt, overrun]);
  } finally {
    clearTimeout(timer);
    await scope.close();
  }
}
