// ESLint rule: no cycles between the capability folders of engine/. A value import
// from engine/A to engine/B is reported when B already reaches A through value
// imports (`import type` is erased at build time and does not count). File-level
// cycles are import-x/no-cycle's job; this one keeps the folders a layered graph,
// so a capability can be read, tested and changed above the ones it uses
// (docs/architecture.md, "Module map"). It has no exceptions.
//
// The graph of the other files is read once per lint run (a `npm run lint` is one
// process); the file being linted always counts with its current text.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { capabilityOf, resolveCapability } from './capability-of.js';

const graphs = new Map();

function sourceFiles(engineDir) {
  return fs
    .readdirSync(engineDir, { recursive: true })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(engineDir, f))
    .filter((f) => capabilityOf(f, engineDir) !== undefined);
}

const allTypes = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

/** The module specifiers `file` imports as values (static, re-exports, dynamic import()). */
function valueSpecifiers(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly =
        c?.isTypeOnly ||
        (c && !c.name && c.namedBindings && ts.isNamedImports(c.namedBindings) && allTypes(c.namedBindings.elements));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause && ts.isNamedExports(node.exportClause) && allTypes(node.exportClause.elements));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Per file, the other capabilities it imports as values. */
function fileEdges(engineDir, file, specifiers) {
  const own = capabilityOf(file, engineDir);
  const targets = new Set();
  for (const source of specifiers) {
    const target = resolveCapability(file, source, engineDir);
    if (target && target !== own) targets.add(target);
  }
  return targets;
}

/** file → capabilities it imports as values, for every file of engine/'s capability folders. */
export function readGraph(engineDir) {
  let graph = graphs.get(engineDir);
  if (!graph) {
    graph = new Map(sourceFiles(engineDir).map((f) => [f, fileEdges(engineDir, f, valueSpecifiers(f))]));
    graphs.set(engineDir, graph);
  }
  return graph;
}

/** capability → capabilities it imports as values; `override` replaces one file's edges. */
function folderEdges(engineDir, graph, override) {
  const edges = new Map();
  for (const [file, targets] of graph) {
    const own = capabilityOf(file, engineDir);
    const set = edges.get(own) ?? new Set();
    for (const t of file === override?.file ? override.targets : targets) set.add(t);
    edges.set(own, set);
  }
  if (override && !graph.has(override.file)) {
    const own = capabilityOf(override.file, engineDir);
    edges.set(own, new Set([...(edges.get(own) ?? []), ...override.targets]));
  }
  return edges;
}

/** The path from `from` to `to` through folder edges (breadth first), or undefined. */
function pathBetween(edges, from, to) {
  const parent = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift();
    if (at === to) {
      const steps = [];
      for (let n = to; n !== undefined; n = parent.get(n)) steps.unshift(n);
      return steps;
    }
    for (const next of edges.get(at) ?? []) {
      if (!parent.has(next)) {
        parent.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** Every folder edge that closes a cycle, as [from, to, path back]: empty when the folders are layered. */
export function folderCycles(engineDir) {
  const edges = folderEdges(engineDir, readGraph(engineDir));
  const found = [];
  for (const [from, targets] of edges) {
    for (const to of targets) {
      const back = pathBetween(edges, to, from);
      if (back) found.push([from, to, back]);
    }
  }
  return found;
}

const isTypeOnly = (node) => {
  if (node.type === 'ImportExpression') return false;
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return (
    specifiers.length > 0 &&
    specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type') &&
    !specifiers.some((s) => s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier')
  );
};

export function capabilityCycles(engineDir) {
  return {
    meta: {
      type: 'problem',
      docs: { description: 'no import cycles between the capability folders of engine/' },
      messages: {
        cycle:
          'engine/{{from}} imports engine/{{to}}, which imports engine/{{from}} back ({{path}}): a folder cycle. Invert it (a hook or port on the engine context, or a function passed in) or move the shared part into the lower capability',
      },
      schema: [],
    },
    create(context) {
      const file = context.filename;
      const own = capabilityOf(file, engineDir);
      if (!own) return {};
      const imports = [];
      const collect = (node) => {
        const source = node.source?.value;
        if (typeof source !== 'string' || isTypeOnly(node)) return;
        const target = resolveCapability(file, source, engineDir);
        if (target && target !== own) imports.push({ node: node.source, target });
      };
      return {
        ImportDeclaration: collect,
        ExportNamedDeclaration: collect,
        ExportAllDeclaration: collect,
        ImportExpression: collect,
        'Program:exit'() {
          if (imports.length === 0) return;
          const targets = new Set(imports.map((i) => i.target));
          const edges = folderEdges(engineDir, readGraph(engineDir), { file, targets });
          for (const { node, target } of imports) {
            const back = pathBetween(edges, target, own);
            if (back) {
              context.report({
                node,
                messageId: 'cycle',
                data: { from: own, to: target, path: [own, ...back].join(' → ') },
              });
            }
          }
        },
      };
    },
  };
}
