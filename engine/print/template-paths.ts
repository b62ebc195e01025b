// The field references a Handlebars template makes, for the definition linter
// ("templates that reference missing fields"). Paths are relative to the render
// context (see renderer.ts): `data.customer`, `doc.number`, `related.customer.name`;
// inside `{{#each data.lines}}` an item field is `data.lines[].qty` (also through
// block params: `{{#each data.lines as |line|}}{{line.qty}}`). `@root.x` is `x`;
// `@index`, `@key` and other data variables are not fields. Helper names are not
// fields, their arguments are. Inside a block on a bare path (`{{#data.x}}`) the
// context is unknown, and references there are left out.
import Handlebars from 'handlebars';
import { PRINT_HELPER_NAMES } from './helpers';

// `hbs` is the global namespace handlebars' typings declare for the AST.
type AST = hbs.AST.Node;

const BUILTIN_HELPERS = new Set([
  'if',
  'unless',
  'each',
  'with',
  'lookup',
  'log',
  'helperMissing',
  'blockHelperMissing',
]);
const HELPERS = new Set<string>([...BUILTIN_HELPERS, ...PRINT_HELPER_NAMES]);

interface Frame {
  /** Context path of this frame ('' = the render context), null when unknown. */
  prefix: string | null;
  /** Block params declared on this frame's block: name → context path (or null). */
  params: Map<string, string | null>;
}

const join = (prefix: string, parts: string[]): string => [prefix, ...parts].filter((p) => p !== '').join('.');

/** One walk over a template: a stack of context frames and the paths found. */
function createCollector() {
  const found = new Set<string>();
  const frames: Frame[] = [{ prefix: '', params: new Map() }];

  /** The context path a path expression names, or null when it is not a field. */
  function resolve(path: hbs.AST.PathExpression): string | null {
    if (path.data) {
      // @root.x is the render context's x; @index, @key, @first… are not fields.
      return path.parts[0] === 'root' ? join('', path.parts.slice(1)) || null : null;
    }
    const explicitThis = /^(this|\.)(\.|\/|$)/.test(path.original);
    if (path.depth === 0 && !explicitThis && path.parts.length > 0) {
      for (let i = frames.length - 1; i >= 0; i--) {
        const params = frames[i].params;
        if (params.has(path.parts[0])) {
          const base = params.get(path.parts[0]);
          return base == null ? null : join(base, path.parts.slice(1)) || null;
        }
      }
    }
    const frame = frames[Math.max(0, frames.length - 1 - path.depth)];
    if (frame.prefix === null) return null;
    return join(frame.prefix, path.parts) || null;
  }

  function addPath(node: AST): void {
    if (node.type !== 'PathExpression') return visit(node);
    const path = resolve(node as hbs.AST.PathExpression);
    if (path) found.add(path);
  }

  function visitCall(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression): void {
    const name = node.path.type === 'PathExpression' ? (node.path as hbs.AST.PathExpression).original : '';
    const isHelperCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || HELPERS.has(name);
    if (!isHelperCall) return addPath(node.path);
    for (const param of node.params) addPath(param);
    for (const pair of node.hash?.pairs ?? []) addPath(pair.value);
  }

  function visitBlock(node: hbs.AST.BlockStatement): void {
    const name = node.path.original;
    for (const param of node.params) addPath(param);
    for (const pair of node.hash?.pairs ?? []) addPath(pair.value);
    const first = node.params[0];
    const subject = first?.type === 'PathExpression' ? resolve(first as hbs.AST.PathExpression) : null;

    if (name === 'each' || name === 'with') {
      const prefix = subject === null ? null : name === 'each' ? `${subject}[]` : subject;
      const params = new Map<string, string | null>();
      const [itemParam, indexParam] = node.program?.blockParams ?? [];
      if (itemParam) params.set(itemParam, prefix);
      if (indexParam) params.set(indexParam, null);
      frames.push({ prefix, params });
      visit(node.program);
      frames.pop();
    } else if (BUILTIN_HELPERS.has(name)) {
      visit(node.program);
    } else {
      // {{#data.x}}…{{/data.x}}: a section on a value; it may be a list or an object.
      addPath(node.path);
      frames.push({ prefix: null, params: new Map() });
      visit(node.program);
      frames.pop();
    }
    // {{else}} renders in the enclosing context.
    if (node.inverse) visit(node.inverse);
  }

  function visit(node: AST | null | undefined): void {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const statement of (node as hbs.AST.Program).body) visit(statement);
        return;
      case 'MustacheStatement':
      case 'SubExpression':
        return visitCall(node as hbs.AST.MustacheStatement);
      case 'BlockStatement':
        return visitBlock(node as hbs.AST.BlockStatement);
      default:
        // Content, comments, literals; partials and decorators are refused at compile.
        return;
    }
  }

  return { visit, found };
}

/** Field paths a template reads, in first-seen order. Throws on a syntax error. */
export function templateFieldPaths(source: string): string[] {
  const collector = createCollector();
  collector.visit(Handlebars.parse(source));
  return [...collector.found];
}

/** Statements our renderer refuses: partials and decorators (none are registered), unescaped output. */
export function unsupportedStatement(program: hbs.AST.Program): string | undefined {
  const stack: AST[] = [program];
  while (stack.length > 0) {
    const node = stack.pop() as AST;
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') return 'partials are not supported';
    if (node.type === 'Decorator' || node.type === 'DecoratorBlock') return 'decorators are not supported';
    // {{{x}}} / {{&x}} print raw HTML; document data is typed by staff and customers.
    if (node.type === 'MustacheStatement' && (node as hbs.AST.MustacheStatement).escaped === false) {
      return 'unescaped output ({{{…}}} or {{&…}}) is not allowed';
    }
    if (node.type === 'Program') stack.push(...(node as hbs.AST.Program).body);
    if (node.type === 'BlockStatement') {
      const block = node as hbs.AST.BlockStatement;
      if (block.program) stack.push(block.program);
      if (block.inverse) stack.push(block.inverse);
    }
  }
  return undefined;
}
