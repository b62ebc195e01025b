// Validations per second of a 10-line sales_order with the validator the engine
// compiles once per definition version. A benchmark, not a test: it prints
// figures. Run alone with `npx tsx bench/validation.ts`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDataValidatorFactory } from '../engine/definitions/data-validator';
import type { JsonSchema } from '../engine/definitions/types';

const root = path.resolve(import.meta.dirname, '..');

function salesOrders(): Array<Record<string, unknown>> {
  return Array.from({ length: 16 }, (_, i) => ({
    customer: `6740c0ffee${String(i).padStart(14, '0')}`,
    orderDate: '2026-11-22',
    deliveryDate: '2026-11-30',
    warehouse: '6740c0ffee00000000000001',
    paymentTerms: 'net30',
    remark: `order ${i}`,
    lines: Array.from({ length: 10 }, (_, j) => ({
      product: `6740c0ffee0000000000${String(j).padStart(4, '0')}`,
      qty: 1 + ((i + j) % 9),
      price: 19.9 + j,
      discount: [0, 0.05, 0.1][(i + j) % 3],
    })),
  }));
}

export async function benchValidation({ ms = 500, print = true }: { ms?: number; print?: boolean } = {}): Promise<
  Record<string, number>
> {
  const definition = JSON.parse(readFileSync(path.join(root, 'definitions/sales_order.json'), 'utf8')) as {
    schema: JsonSchema;
  };
  const validate = createDataValidatorFactory().compile(definition.schema);
  const orders = salesOrders();
  const invalid = { ...orders[0], lines: [{ product: '', qty: -1, price: 'x' }] };
  if (validate(orders[0]).length !== 0)
    throw new Error(`benchmark order is invalid: ${JSON.stringify(validate(orders[0]))}`);
  if (validate(invalid).length === 0) throw new Error('benchmark invalid order passed validation');

  let errors = 0;
  for (let i = 0; i < 20_000; i++) errors += validate(orders[i & 15]).length;
  let count = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < 5000; i++) errors += validate(orders[i & 15]).length;
    count += 5000;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (errors !== 0) throw new Error('a valid order failed validation during the benchmark');
  const perSecond = (count / elapsed) * 1000;
  if (print)
    console.log(
      `validation  10-line sales_order  ${Math.round(perSecond).toLocaleString('en')} /s  (target ≥ 1,000,000 /s)`,
    );
  return { 'validation.sales_order_10_lines_per_s': perSecond };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchValidation();
}
