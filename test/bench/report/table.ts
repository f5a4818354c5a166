import type { BenchRow, NotMeasured } from './row';

const show = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** The results as a fixed-width table, then every metric that was not measured and why, then the notes. */
export function formatReport(
  rows: readonly BenchRow[],
  missing: readonly NotMeasured[],
  notes: readonly string[],
): string {
  const header = [
    'metric',
    'value',
    'min',
    'max',
    'unit',
    'baseline',
    'baseline value',
    'b. min',
    'b. max',
    'ratio',
  ];
  const body = rows.map((r) => [
    r.metric,
    String(r.value),
    show(r.min),
    show(r.max),
    r.unit,
    r.baseline,
    String(r.baselineValue),
    show(r.baselineMin),
    show(r.baselineMax),
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
  const described = rows.filter((r) => r.note || r.bytesOnWire || r.p50 !== undefined);
  if (described.length > 0) {
    out.push('', 'Rows:');
    for (const r of described) {
      const extra = [
        r.p50 !== undefined
          ? `p50 ${r.p50}${r.baselineP50 !== undefined ? ` vs ${r.baselineP50}` : ''} ${r.unit}`
          : '',
        r.bytesOnWire ? `wire ${r.bytesOnWire.sent} B sent / ${r.bytesOnWire.received} B received` : '',
        r.baselineBytesOnWire
          ? `baseline wire ${r.baselineBytesOnWire.sent} B sent / ${r.baselineBytesOnWire.received} B received`
          : '',
      ].filter(Boolean);
      out.push(`  ${r.metric}: ${[r.note ?? '', ...extra].filter(Boolean).join(' ')}`);
    }
  }
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
