/** One line of results.json: a figure and the baseline it was measured beside in the same run. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue; null when the baseline is 0 (e.g. zero failures expected), where a ratio means nothing. */
  ratio: number | null;
}

/** A metric that could not be measured in this run, and why: printed, never replaced by a number. */
export interface NotMeasured {
  metric: string;
  reason: string;
}

export type Outcome = { row: BenchRow; notes?: string[] } | { notMeasured: NotMeasured; notes?: string[] };

export function makeRow(
  metric: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
): BenchRow {
  return {
    metric,
    value: round(value),
    unit,
    baseline,
    baselineValue: round(baselineValue),
    ratio: baselineValue === 0 ? null : round(value / baselineValue, 3),
  };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
