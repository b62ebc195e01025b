// json-logic throws "Unrecognized operation" at run time, i.e. when a user
// submits a document; a typo such as "=>" is better caught here.
import { ruleOperators } from '../../rules/index';
import type { Finding } from '../types';
import { finding, type Check } from './finding';
import { walkLogic } from './logic-walker';
import { ruleSites } from './rule-sites';

/** json-logic's own operators; engine/rules adds its business operators (sum, round2…). */
export const JSON_LOGIC_OPERATORS = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  '%',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  'min',
  'max',
  'merge',
  'if',
  '?:',
  'and',
  'or',
  'var',
  'missing',
  'missing_some',
  'map',
  'filter',
  'reduce',
  'all',
  'none',
  'some',
  'log',
];

export const checkUnknownOperators: Check = (ctx) => {
  const known = new Set([...JSON_LOGIC_OPERATORS, ...Object.keys(ruleOperators), ...(ctx.options.operators ?? [])]);
  const out: Finding[] = [];
  for (const site of ruleSites(ctx)) {
    walkLogic(site.logic, site.at, site.scope, {
      onOperator: (op, at) => {
        if (known.has(op)) return;
        out.push(
          finding(
            'unknown-operator',
            'warning',
            at,
            `规则使用了未知的运算符 “${op}”，运行时会出错`,
            `the rule uses the unknown operator "${op}", which fails when evaluated`,
          ),
        );
      },
    });
  }
  return out;
};
