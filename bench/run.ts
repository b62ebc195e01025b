// `npm run bench`: every benchmark in one run, figures side by side (DESIGN §12).
// Benchmarks print figures; tests never time things.
import { cpus } from 'node:os';
import { benchDocuments } from './documents';
import { benchReservations } from './inventory';
import { benchReport200k } from './report-200k';
import { benchRules } from './rules';
import { benchScale } from './scale';
import { benchValidation } from './validation';

// `npm run bench -- scale [--quick]`: only the embedded store at growing sizes (bench/scale.ts).
if (process.argv[2] === 'scale') {
  await benchScale({ quick: process.argv.includes('--quick') });
  process.exit(0);
}

// `npm run bench -- report`: only the reports over 200,000 order lines (bench/report-200k.ts).
if (process.argv[2] === 'report') {
  await benchReport200k();
  process.exit(0);
}

console.log(
  `进销存 Flow benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})\n`,
);
const figures: Record<string, number> = {};
Object.assign(figures, await benchValidation());
console.log('');
Object.assign(figures, await benchRules());
console.log('');
Object.assign(figures, await benchReservations());
console.log('');
Object.assign(figures, await benchDocuments());

const checks: Array<[string, boolean]> = [
  ['validation ≥ 1,000,000 /s', figures['validation.sales_order_10_lines_per_s'] >= 1_000_000],
  ['rules ≥ 10× json-logic-js', figures['rules.min_ratio'] >= 10],
];
const oversold = Object.entries(figures).find(([key]) => key.includes('oversold'));
if (oversold) checks.push(['oversold = 0', oversold[1] === 0]);
console.log('\ntargets');
for (const [label, met] of checks) console.log(`  ${met ? 'met    ' : 'MISSED '} ${label}`);
