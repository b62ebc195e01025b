// Walks a Handlebars template's AST, tracking the context each path is read in
// ({{#each data.lines}} moves it to a line, `../` moves back, `as |x|` names it),
// and reports field paths that do not resolve and helpers that are not registered.
import Handlebars from 'handlebars';
import type { JsonSchema } from '../types';
import { ANY, isOpen, itemsOf, resolvePath } from './schema-paths';

export interface TemplateProblem {
  kind: 'missing-field' | 'unknown-helper';
  name: string;
  line: number;
}

interface Frame {
  context: JsonSchema;
  params: Record<string, JsonSchema>;
}

interface State {
  frames: Frame[];
  helpers: Set<string>;
  problems: TemplateProblem[];
}

type Callable = hbs.AST.MustacheStatement | hbs.AST.SubExpression | hbs.AST.BlockStatement;

const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];
const DATA_VARS = new Set(['index', 'key', 'first', 'last', 'level']);

const lineOf = (node: hbs.AST.Node): number => node.loc?.start.line ?? 0;
const pathOf = (node: Callable): hbs.AST.PathExpression => node.path as hbs.AST.PathExpression;

function lookup(s: State, schema: JsonSchema, parts: string[], path: hbs.AST.PathExpression): JsonSchema {
  const r = resolvePath(schema, parts);
  if (r.ok) return r.schema;
  s.problems.push({ kind: 'missing-field', name: path.original, line: lineOf(path) });
  return ANY;
}

/** The schema a path points at; ANY when it cannot be known (data variables). */
function resolve(s: State, path: hbs.AST.PathExpression): JsonSchema {
  const parts = path.parts;
  if (path.data) {
    if (parts[0] === 'root') return lookup(s, s.frames[0].context, parts.slice(1), path);
    if (!DATA_VARS.has(parts[0])) s.problems.push({ kind: 'missing-field', name: path.original, line: lineOf(path) });
    return ANY;
  }
  if (path.depth === 0 && parts.length > 0) {
    for (let k = s.frames.length - 1; k >= 0; k--) {
      const bound = s.frames[k].params[parts[0]];
      if (bound) return lookup(s, bound, parts.slice(1), path);
    }
  }
  const frame = s.frames[Math.max(0, s.frames.length - 1 - path.depth)];
  return lookup(s, frame.context, parts, path);
}

function expr(s: State, e: hbs.AST.Expression): JsonSchema {
  if (e.type === 'PathExpression') return resolve(s, e as hbs.AST.PathExpression);
  if (e.type !== 'SubExpression') return ANY;
  const sub = e as hbs.AST.SubExpression;
  const args = call(s, sub);
  return pathOf(sub).original === 'lookup' ? lookupResult(sub, args) : ANY;
}

/** A helper call: checks the helper is known and every argument resolves. */
function call(s: State, node: Callable): JsonSchema[] {
  const path = pathOf(node);
  if (!s.helpers.has(path.original)) {
    s.problems.push({ kind: 'unknown-helper', name: path.original, line: lineOf(path) });
  }
  const args = node.params.map((p) => expr(s, p));
  for (const pair of node.hash?.pairs ?? []) expr(s, pair.value);
  return args;
}

/** What `(lookup obj key)` yields: a literal key is a path step, a dynamic one picks any entry. */
function lookupResult(node: hbs.AST.SubExpression, args: JsonSchema[]): JsonSchema {
  const [target, key] = [args[0] ?? ANY, node.params[1]];
  if (!key || isOpen(target)) return ANY;
  if (key.type === 'StringLiteral') {
    const r = resolvePath(target, [(key as hbs.AST.StringLiteral).value]);
    return r.ok ? r.schema : ANY;
  }
  const additional = target.additionalProperties;
  if (typeof additional === 'object' && additional !== null) return additional as JsonSchema;
  return itemsOf(target);
}

function blockContext(name: string, isHelper: boolean, target: JsonSchema, parent: JsonSchema): JsonSchema {
  if (name === 'if' || name === 'unless') return parent;
  if (name === 'with') return target;
  if (name === 'each') return itemsOf(target);
  if (isHelper) return ANY;
  // A mustache section ({{#data.lines}}) iterates an array or enters an object.
  const items = itemsOf(target);
  return items === ANY && !isOpen(target) ? target : items;
}

function block(s: State, node: hbs.AST.BlockStatement): void {
  const path = pathOf(node);
  const isHelper = node.params.length > 0 || s.helpers.has(path.original);
  const args = isHelper ? call(s, node) : [resolve(s, path)];
  const parent = s.frames[s.frames.length - 1].context;
  const context = blockContext(path.original, isHelper, args[0] ?? ANY, parent);
  const names = node.program.blockParams ?? [];
  const params: Record<string, JsonSchema> = {};
  if (names[0]) params[names[0]] = context;
  if (names[1]) params[names[1]] = ANY;
  s.frames.push({ context, params });
  program(s, node.program);
  s.frames.pop();
  if (node.inverse) program(s, node.inverse);
}

function program(s: State, p: hbs.AST.Program): void {
  for (const stmt of p.body) {
    if (stmt.type === 'MustacheStatement') {
      const m = stmt as hbs.AST.MustacheStatement;
      const hasArgs = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0;
      if (hasArgs || s.helpers.has(pathOf(m).original)) call(s, m);
      else expr(s, m.path);
    } else if (stmt.type === 'BlockStatement') {
      block(s, stmt as hbs.AST.BlockStatement);
    }
  }
}

/** Throws Handlebars' parse error (with its line) when the template does not parse. */
export function templateProblems(source: string, root: JsonSchema, extraHelpers: readonly string[]): TemplateProblem[] {
  const state: State = {
    frames: [{ context: root, params: {} }],
    helpers: new Set([...BUILTIN_HELPERS, ...extraHelpers]),
    problems: [],
  };
  program(state, Handlebars.parse(source));
  return state.problems;
}
