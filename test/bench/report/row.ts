/** The spread of one figure over a metric's runs: the same statistic for the kiosk and its baseline. */
export interface Spread {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * One line of results.json: a figure and the baseline it was measured beside in the same run. The first six
 * fields are the format every earlier run wrote; the rest are optional and only added to.
 */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue; null when the baseline is 0 (e.g. zero failures expected), where a ratio means nothing. */
  ratio: number | null;
  /** The kiosk side's figure in each run (for percentile rows: that percentile of each run's samples). */
  runs?: number;
  median?: number;
  min?: number;
  max?: number;
  /** The same for the baseline side, when it was measured in runs of its own. */
  baselineRuns?: number;
  baselineMedian?: number;
  baselineMin?: number;
  baselineMax?: number;
  /** For percentile rows: the median sample beside the percentile, for both sides. */
  p50?: number;
  baselineP50?: number;
  /** Bytes both ways between the browser and the server, median per run, counted on the socket. */
  bytesOnWire?: WireBytes;
  baselineBytesOnWire?: WireBytes;
  /** Where the row's browser profile and databases were, and on what filesystem. */
  storage?: Readonly<Record<string, string>>;
  /** What the figure includes and leaves out in this run, in a sentence or two. */
  note?: string;
}

export interface WireBytes {
  /** Browser to server. */
  readonly sent: number;
  /** Server to browser. */
  readonly received: number;
}

/** A metric that could not be measured in this run, and why: printed, never replaced by a number. */
export interface NotMeasured {
  metric: string;
  reason: string;
}

/** What one group of metrics produced: its rows, the rows it could not measure, and notes for the report. */
export interface Outcome {
  rows: BenchRow[];
  notMeasured: NotMeasured[];
  notes: string[];
}

export function makeRow(
  metric: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
  extra: Omit<Partial<BenchRow>, 'metric' | 'value' | 'unit' | 'baseline' | 'baselineValue' | 'ratio'> = {},
): BenchRow {
  return {
    metric,
    value: round(value),
    unit,
    baseline,
    baselineValue: round(baselineValue),
    ratio: baselineValue === 0 ? null : round(value / baselineValue, 3),
    ...roundNumbers(extra),
  };
}

/** The spread fields of a row, from each run's figure. */
export function spreadFields(spread: Spread): Pick<BenchRow, 'runs' | 'median' | 'min' | 'max'> {
  return { runs: spread.runs, median: spread.median, min: spread.min, max: spread.max };
}

export function baselineSpreadFields(
  spread: Spread,
): Pick<BenchRow, 'baselineRuns' | 'baselineMedian' | 'baselineMin' | 'baselineMax'> {
  return {
    baselineRuns: spread.runs,
    baselineMedian: spread.median,
    baselineMin: spread.min,
    baselineMax: spread.max,
  };
}

function roundNumbers<T extends object>(fields: T): T {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]),
  ) as T;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
