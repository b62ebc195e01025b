// Rule evaluations per second: the engine's compiled rules (engine/rules) against
// plain json-logic-js interpreting the same JSON, on realistic sales_order rules.
// A benchmark, not a test: it prints figures. Run alone with `npx tsx bench/rules.ts`.
import { pathToFileURL } from 'node:url';
import jsonLogic from 'json-logic-js';
import type { JsonLogic } from '../engine/definitions/types';
import { mulMoney, sumMoney } from '../engine/money/round';
import { createRuleSet, type CompiledRule, type RuleContext } from '../engine/rules/compile-rule';

const LINE_AMOUNT: JsonLogic = {
  '*': [{ var: 'line.qty' }, { var: 'line.price' }, { '-': [1, { var: 'line.discount' }] }],
};
const TOTAL_REDUCE: JsonLogic = {
  reduce: [{ var: 'data.lines' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0],
};
const TOTAL_SUM: JsonLogic = { sum: [{ var: 'data.lines' }, 'amount'] };
const MANAGER_WHEN: JsonLogic = { '>=': [{ var: 'data.total' }, 10000] };
const FINANCE_WHEN: JsonLogic = {
  or: [{ '>=': [{ var: 'data.total' }, 100000] }, { '==': [{ var: 'related.customer.creditLevel' }, 'C'] }],
};
const CREDIT_GUARD: JsonLogic = {
  '<=': [
    { '+': [{ var: 'related.customer.openOrdersTotal' }, { var: 'data.total' }] },
    { var: 'related.customer.creditLimit' },
  ],
};

/** 16 different orders of 10 lines, so neither side sees one constant input. */
function orders(): RuleContext[] {
  return Array.from({ length: 16 }, (_, i) => {
    const lines = Array.from({ length: 10 }, (_, j) => {
      const qty = 1 + ((i * 7 + j * 3) % 20);
      const price = Math.round((19.9 + i * 13.37 + j * 101.01) * 100) / 100;
      const discount = [0, 0.05, 0.1, 0.15][(i + j) % 4];
      return { product: `p${j}`, qty, price, discount, amount: mulMoney(qty, price, 1 - discount) };
    });
    // As the engine stores them: computed exactly, to the cent.
    const total = sumMoney(lines.map((l) => l.amount));
    return {
      data: { customer: `c${i}`, orderDate: '2024-05-01', paymentTerms: 'NET30', lines, total },
      doc: { state: 'draft', number: `SO-20240501-${String(i).padStart(4, '0')}` },
      user: { id: 'u1', username: 'li', roles: ['sales_clerk'] },
      now: '2024-05-01T08:00:00.000Z',
      related: { customer: { creditLevel: 'ABC'[i % 3], creditLimit: 500000, openOrdersTotal: mulMoney(1234.56, i) } },
      line: lines[i % 10],
    };
  });
}

type Evaluate = (context: RuleContext) => unknown;

interface Case {
  name: string;
  engine: Evaluate;
  jsonLogicJs: Evaluate;
}

const interpret =
  (logic: JsonLogic): Evaluate =>
  (context) =>
    jsonLogic.apply(logic as never, context);

/** Evaluations per second of `fn` over the contexts, measured for about `ms`. */
function rate(fn: Evaluate, contexts: RuleContext[], ms: number): number {
  let sink = 0;
  const batch = 2000;
  // Warm-up: let the JIT settle before the clock starts.
  for (let i = 0; i < batch * 5; i++) if (fn(contexts[i & 15])) sink++;
  let count = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    for (let i = 0; i < batch; i++) if (fn(contexts[i & 15])) sink++;
    count += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  // Using the results keeps the calls from being optimised away.
  if (sink === -1) console.log(sink);
  return (count / elapsed) * 1000;
}

export interface BenchRulesOptions {
  /** Milliseconds per measurement (default 300). */
  ms?: number;
  /** Print a table (default true). */
  print?: boolean;
}

export async function benchRules({ ms = 300, print = true }: BenchRulesOptions = {}): Promise<Record<string, number>> {
  const contexts = orders();
  const set = createRuleSet();
  const compiled = (logic: JsonLogic): CompiledRule => set.compile(logic);
  const line = compiled(LINE_AMOUNT);
  const sum = compiled(TOTAL_SUM);
  const manager = compiled(MANAGER_WHEN);
  const finance = compiled(FINANCE_WHEN);
  const guard = compiled(CREDIT_GUARD);

  // One submit of a 10-line order: 10 line amounts, the total, the guard and both
  // levels. Both sides reuse one context and set `line`, as computed.ts does.
  const submitEngine: Evaluate = (ctx) => {
    const lines = (ctx.data as { lines: unknown[] }).lines;
    const lineCtx = { ...ctx };
    let ok = 0;
    for (const l of lines) {
      lineCtx.line = l;
      if (line(lineCtx)) ok++;
    }
    return ok + Number(sum(ctx)) + Number(guard(ctx)) + Number(manager(ctx)) + Number(finance(ctx));
  };
  const submitJsonLogic: Evaluate = (ctx) => {
    const lines = (ctx.data as { lines: unknown[] }).lines;
    const lineCtx = { ...ctx };
    let ok = 0;
    for (const l of lines) {
      lineCtx.line = l;
      if (jsonLogic.apply(LINE_AMOUNT as never, lineCtx)) ok++;
    }
    return (
      ok +
      Number(jsonLogic.apply(TOTAL_REDUCE as never, ctx)) +
      Number(jsonLogic.apply(CREDIT_GUARD as never, ctx)) +
      Number(jsonLogic.apply(MANAGER_WHEN as never, ctx)) +
      Number(jsonLogic.apply(FINANCE_WHEN as never, ctx))
    );
  };

  const cases: Case[] = [
    { name: 'line_amount', engine: line, jsonLogicJs: interpret(LINE_AMOUNT) },
    { name: 'total_reduce_10_lines', engine: compiled(TOTAL_REDUCE), jsonLogicJs: interpret(TOTAL_REDUCE) },
    { name: 'total_sum_10_lines', engine: sum, jsonLogicJs: interpret(TOTAL_REDUCE) },
    { name: 'approval_manager', engine: manager, jsonLogicJs: interpret(MANAGER_WHEN) },
    { name: 'approval_finance', engine: finance, jsonLogicJs: interpret(FINANCE_WHEN) },
    { name: 'credit_guard', engine: guard, jsonLogicJs: interpret(CREDIT_GUARD) },
    { name: 'order_submit_14_rules', engine: submitEngine, jsonLogicJs: submitJsonLogic },
  ];

  const figures: Record<string, number> = {};
  const rows: Array<Record<string, string>> = [];
  for (const c of cases) {
    const engine = rate(c.engine, contexts, ms);
    const plain = rate(c.jsonLogicJs, contexts, ms);
    figures[`rules.${c.name}.engine_per_s`] = Math.round(engine);
    figures[`rules.${c.name}.json_logic_js_per_s`] = Math.round(plain);
    figures[`rules.${c.name}.ratio`] = Math.round((engine / plain) * 10) / 10;
    rows.push({
      rule: c.name,
      'engine evals/s': Math.round(engine).toLocaleString('en'),
      'json-logic-js evals/s': Math.round(plain).toLocaleString('en'),
      ratio: `${(engine / plain).toFixed(1)}×`,
    });
  }
  const ratios = cases.map((c) => figures[`rules.${c.name}.ratio`]);
  figures['rules.min_ratio'] = Math.min(...ratios);
  if (print) {
    console.log('Rule evaluation: compiled engine rules vs json-logic-js (target ratio ≥ 10×)');
    console.table(rows);
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRules();
}
