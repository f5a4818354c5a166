import type { Spread } from './row';

/** Median (the mean of the middle two for an even count), min and max of each run's figure. */
export function spreadOf(perRun: readonly number[]): Spread {
  if (perRun.length === 0) throw new Error('spread of no runs');
  const sorted = [...perRun].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { runs: sorted.length, median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** "median 1234 ms (min 1100, max 1500, 5 runs)" for notes and progress lines. */
export function describeSpread(spread: Spread, unit: string): string {
  const r = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
  return `median ${r(spread.median)} ${unit} (min ${r(spread.min)}, max ${r(spread.max)}, ${spread.runs} runs)`;
}
