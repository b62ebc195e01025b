// Every user-facing error detail comes from the message catalogue: each
// `new AppError(` outside engine/messages names its catalogue `key`, and each
// field error written as `{ path, message }` carries a `key` (or `i18n`, both
// languages). A zh-CN user must never read an English detail under a Chinese title.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

/** AppErrors (file#code) that never reach a user as an English detail, each with its reason. */
const allowedErrors: Record<string, string> = {
  // A definition's own guard message, already written in both languages: the detail is the caller's one,
  // and extra.i18n carries both (engine/documents/guard-message.ts renders it, request-cancellation picks it).
  'engine/documents/guard-message.ts#RULE_FAILED': "the definition's message, in the caller's language",
  'engine/approvals/request-cancellation.ts#RULE_FAILED': "the definition's message, in the caller's language",
  // 5xx details never reach the client (engine/http/problem.ts logs them and answers a generic detail).
  'engine/documents/numbering.ts#INTERNAL': 'INTERNAL: logged, never shown',
  'engine/pricing/spec.ts#INTERNAL': 'INTERNAL: logged, never shown',
  // Operator start-up messages: the engine refuses to open a store another process holds; printed on the
  // console at start, never an HTTP answer.
  'engine/store/embedded/lock.ts#STORE_LOCKED': 'start-up message for the operator',
  'engine/store/lease.ts#STORE_LOCKED': 'start-up message for the operator',
  // The restore command (engine stopped) meets a held lock; the HTTP backup check restores into a fresh
  // scratch directory (engine/backups/service.ts) that no process holds.
  'engine/store/embedded/backup.ts#STORE_LOCKED': 'restore command message for the operator',
};

/** Files whose `{ path, message }` literals are not catalogued field errors, each with its reason. */
const allowedFieldErrors: Record<string, string> = {
  // JSON Schema keywords the meta-schema messages do not know yet: ajv's own text, for definition authors.
  'engine/messages/schema-errors.ts': "ajv's text for a keyword without a catalogue entry",
};

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

const propertyNames = (object: ts.ObjectLiteralExpression): string[] =>
  object.properties.map((p) => {
    if (ts.isSpreadAssignment(p)) return '...';
    return p.name && ts.isIdentifier(p.name) ? p.name.text : '?';
  });

/** A `{ path, message }` literal that is a field error (not a JSON schema naming such properties). */
function isUnkeyedFieldError(object: ts.ObjectLiteralExpression): boolean {
  const names = propertyNames(object);
  if (!names.includes('path') || !names.includes('message')) return false;
  if (names.some((n) => n === 'key' || n === 'i18n' || n === '...')) return false;
  const message = object.properties.find(
    (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'message',
  );
  return !(message && ts.isPropertyAssignment(message) && ts.isObjectLiteralExpression(message.initializer));
}

/** Whether a `super(…)` call is in a class extending AppError. */
function extendsAppError(node: ts.Node): boolean {
  let at: ts.Node | undefined = node;
  while (at && !ts.isClassDeclaration(at)) at = at.parent;
  return Boolean(
    at?.heritageClauses?.some((clause) =>
      clause.types.some((type) => ts.isIdentifier(type.expression) && type.expression.text === 'AppError'),
    ),
  );
}

/** `file:line why` for each uncatalogued error of one source file. */
export function uncataloguedIn(relative: string, text: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) => `${relative}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError') {
      const [code, , options] = node.arguments ?? [];
      const codeText = code && ts.isStringLiteral(code) ? code.text : '?';
      // A spread (`{ ...message }`) passes on a key made elsewhere.
      const keyed =
        options &&
        ts.isObjectLiteralExpression(options) &&
        propertyNames(options).some((n) => n === 'key' || n === '...');
      if (!keyed && !allowedErrors[`${relative}#${codeText}`]) {
        found.push(`${where(node)} new AppError('${codeText}') without a catalogue key`);
      }
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && extendsAppError(node)) {
      const options = node.arguments[2];
      const keyed = options && ts.isObjectLiteralExpression(options) && propertyNames(options).includes('key');
      if (!keyed) found.push(`${where(node)} an AppError subclass without a catalogue key`);
    }
    if (ts.isObjectLiteralExpression(node) && isUnkeyedFieldError(node) && !allowedFieldErrors[relative]) {
      found.push(`${where(node)} field error without a catalogue key`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function uncatalogued(): string[] {
  return sources(path.join(root, 'engine')).flatMap((file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative.startsWith('engine/messages/')) return [];
    return uncataloguedIn(relative, readFileSync(file, 'utf8'));
  });
}

describe('every error detail is catalogued', () => {
  it('makes each AppError and field error outside engine/messages with a catalogue key (file:line of any not)', () => {
    expect(uncatalogued()).toEqual([]);
  });

  it('names what it finds, and lets keyed errors and schemas pass', () => {
    const sample = [
      "throw new AppError('NOT_FOUND', `No thing ${id}.`);",
      "throw new AppError('NOT_FOUND', 'x', { key: 'NOT_FOUND.user', params: { id } });",
      "errors.push({ path: '/qty', message: 'is wrong' });",
      "errors.push({ path: '/qty', message: 'x', key: 'VALIDATION_FAILED.required' });",
      "const schema = { path: { type: 'string' }, message: { type: 'string' } };",
      "throw messageError('NOT_FOUND.user', { id });",
      "class Gone extends AppError { constructor() { super('NOT_FOUND', 'gone'); } }",
    ].join('\n');
    expect(uncataloguedIn('engine/x/y.ts', sample)).toEqual([
      "engine/x/y.ts:1 new AppError('NOT_FOUND') without a catalogue key",
      'engine/x/y.ts:3 field error without a catalogue key',
      'engine/x/y.ts:7 an AppError subclass without a catalogue key',
    ]);
  });
});
