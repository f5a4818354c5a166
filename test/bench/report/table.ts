import type { BenchRow, NotMeasured } from './row';

/** The results as a fixed-width table, then every metric that was not measured and why. */
export function formatReport(
  rows: readonly BenchRow[],
  missing: readonly NotMeasured[],
  notes: readonly string[],
): string {
  const header = ['metric', 'value', 'unit', 'baseline', 'baseline value', 'ratio'];
  const body = rows.map((r) => [
    r.metric,
    String(r.value),
    r.unit,
    r.baseline,
    String(r.baselineValue),
    r.ratio === null ? 'n/a' : String(r.ratio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  if (rows.length === 0) out.push('(no metric could be measured)');
  if (missing.length > 0) {
    out.push('', 'NOT MEASURED:');
    for (const m of missing) out.push(`  ${m.metric}: ${m.reason}`);
  }
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const n of notes) out.push(`  ${n}`);
  }
  return out.join('\n');
}
