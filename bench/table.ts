// Medians with their spread, and the table `npm run bench` prints.
export interface Spread {
  median: number;
  min: number;
  max: number;
}

const round = (n: number): number => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10);

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

export interface Row {
  label: string;
  value: Spread;
  unit: string;
  latency?: { p50: Spread; p95: Spread; p99: Spread };
  ratio?: number;
  note?: string;
  /** Each target of the row on its own, so one met is not hidden by another missed. */
  targets?: Target[];
}

export interface Target {
  met: boolean;
  text: string;
}

const num = (n: number): string => n.toLocaleString('en', { maximumFractionDigits: 1 });

export function printTable(rows: Row[], caption: string): void {
  const lines = rows.map((r) => [
    r.label,
    `${num(r.value.median)} ${r.unit} [${num(r.value.min)}–${num(r.value.max)}]`,
    r.latency ? `${num(r.latency.p50.median)} / ${num(r.latency.p95.median)} / ${num(r.latency.p99.median)}` : '',
    r.ratio === undefined ? '' : `${(r.ratio * 100).toFixed(1)} %`,
    [...(r.targets ?? []).map((t) => `${t.met ? 'met' : 'MISSED'} (${t.text})`), r.note ?? '']
      .filter(Boolean)
      .join('; '),
  ]);
  const head = ['', 'median [min–max]', 'p50 / p95 / p99 ms', 'of ceiling', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(`\n${caption}\n`);
  console.log(fmt(head));
  for (const l of lines) console.log(fmt(l));
}
