// Our evaluator keeps json-logic-js semantics (beyond the 278 shared cases):
// random rules over mixed-type data must give what json-logic-js gives. Numbers
// in the generator are exact in binary (integers, halves, quarters), and `/` is
// left out, because there json-logic-js's float drift is the one deliberate
// difference (see "differs from json-logic-js only where documented").
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../engine/rules/compile-rule';
import type { JsonLogic } from '../../engine/definitions/types';

const DATA = {
  a: 3,
  b: 2.5,
  s: '12',
  t: 'abc',
  n: null,
  z: 0,
  e: '',
  arr: [1, 2, 3],
  strs: ['a', 'b'],
  obj: { x: 1 },
  emp: [],
};

const varNames = [
  'a',
  'b',
  's',
  't',
  'n',
  'z',
  'e',
  'arr',
  'strs',
  'obj',
  'obj.x',
  'arr.1',
  'nope',
  'obj.nope.deeper',
  'emp',
];

const literal: fc.Arbitrary<JsonLogic> = fc.oneof(
  fc.integer({ min: -20, max: 100 }),
  fc.constantFrom<JsonLogic>(0, 0.5, 2.25, -1.5, '', '1', '2.5', 'abc', '0', 'a', null, true, false),
);
const varRef: fc.Arbitrary<JsonLogic> = fc.oneof(
  fc.constantFrom(...varNames).map((v): JsonLogic => ({ var: v })),
  fc.tuple(fc.constantFrom(...varNames), literal).map(([v, d]): JsonLogic => ({ var: [v, d] })),
);

const BINARY = ['-', '%', '==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in'];
const VARIADIC = ['+', '*', 'and', 'or', 'if', 'min', 'max', 'cat', 'merge', '<', '<=', 'substr'];
const UNARY = ['!', '!!', '-'];
const ITERATORS = ['map', 'filter', 'all', 'some', 'none'];

const { rule } = fc.letrec<{ rule: JsonLogic; leaf: JsonLogic }>((tie) => ({
  leaf: fc.oneof(literal, varRef),
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(fc.constantFrom(...BINARY), tie('rule'), tie('rule')).map(([op, x, y]): JsonLogic => ({ [op]: [x, y] })),
    fc
      .tuple(fc.constantFrom(...VARIADIC), fc.array(tie('rule'), { minLength: 1, maxLength: 3 }))
      .map(([op, xs]): JsonLogic => ({ [op]: xs })),
    fc.tuple(fc.constantFrom(...UNARY), tie('rule')).map(([op, x]): JsonLogic => ({ [op]: [x] })),
    fc
      .tuple(
        fc.constantFrom(...ITERATORS),
        fc.oneof(varRef, tie('rule')),
        fc.oneof(tie('leaf'), fc.constant<JsonLogic>({ '>': [{ var: '' }, 1] })),
      )
      .map(([op, source, body]): JsonLogic => ({ [op]: [source, body] })),
    fc.tuple(fc.oneof(varRef, tie('rule')), literal).map(([source, init]): JsonLogic => ({
      reduce: [source, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, init],
    })),
    fc.array(fc.constantFrom(...varNames), { maxLength: 3 }).map((keys): JsonLogic => ({ missing: keys })),
    fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom(...varNames), { maxLength: 3 }))
      .map(([n, keys]): JsonLogic => ({ missing_some: [n, keys] })),
  ),
}));

type Outcome = { threw: true } | { threw: false; value: unknown };

function run(fn: () => unknown): Outcome {
  try {
    return { threw: false, value: fn() };
  } catch {
    return { threw: true };
  }
}

/** Deep equality where NaN equals NaN (both evaluators produce it) and 0 equals -0. */
function same(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') return x === y || (Number.isNaN(x) && Number.isNaN(y));
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => same(v, y[i]));
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const kx = Object.keys(x);
    return (
      kx.length === Object.keys(y).length &&
      kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]))
    );
  }
  return x === y;
}

describe('rule evaluator vs json-logic-js', () => {
  it('gives json-logic-js results for random rules over mixed data', () => {
    fc.assert(
      fc.property(rule, (logic) => {
        const expected = run(() => jsonLogic.apply(logic as never, structuredClone(DATA)));
        const actual = run(() => compileRule(logic)({ ...structuredClone(DATA) } as never));
        if (expected.threw || actual.threw) {
          expect(actual.threw, JSON.stringify(logic)).toBe(expected.threw);
          return;
        }
        expect(
          same(actual.value, expected.value),
          `${JSON.stringify(logic)} → ${JSON.stringify(actual.value)}, json-logic-js ${JSON.stringify(expected.value)}`,
        ).toBe(true);
      }),
      { numRuns: 3000, seed: 20240501 },
    );
  });
});

describe('rule evaluator differences from json-logic-js (engine/rules/compile-rule.ts)', () => {
  const ours = (logic: JsonLogic, data: object = {}): unknown => compileRule(logic)(data as never);
  const theirs = (logic: JsonLogic, data: object = {}): unknown => jsonLogic.apply(logic as never, data);

  it('1. does decimal-exact arithmetic', () => {
    expect(ours({ '+': [0.1, 0.2] })).toBe(0.3);
    expect(theirs({ '+': [0.1, 0.2] })).toBe(0.30000000000000004);
    expect(ours({ '==': [{ '+': [0.1, 0.2] }, 0.3] })).toBe(true);
    expect(theirs({ '==': [{ '+': [0.1, 0.2] }, 0.3] })).toBe(false);
  });

  it('2. gives null for and/or without arguments', () => {
    expect(ours({ and: [] })).toBe(null);
    expect(theirs({ and: [] })).toBe(undefined);
  });

  it('3. refuses unknown operators, multi-key objects and body-less iterators at compile time', () => {
    expect(() => compileRule({ nope: [1] })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => compileRule({ a: 1, b: 2 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(theirs({ a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(() => compileRule({ map: [{ var: 'x' }] })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => compileRule({ '*': [] })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('4. reads inherited members as null', () => {
    expect(ours({ var: 'constructor' })).toBe(null);
    expect(typeof theirs({ var: 'constructor' })).toBe('function');
  });

  it('5. passes log through without printing', () => {
    expect(ours({ log: 'x' })).toBe('x');
  });

  it('6. reports evaluation errors as RULE_FAILED', () => {
    expect(() => ours({ throw: 'stop' })).toThrow(expect.objectContaining({ code: 'RULE_FAILED' }));
  });
});
