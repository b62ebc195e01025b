// A unique-index clash on create, worded for the person who typed the value: the
// field it duplicates (its JSON Pointer, so the form shows it there), the value,
// and the document that already has it — "编码 C0001 已被 杭州西湖茶叶店 使用" —
// in the caller's language. The index is found by the name indexes.ts gives it.
import type { CompiledDefinition, Definition, Locale } from '../definitions/index';
import type { AppError, DuplicateKeyError } from '../errors';
import { fieldError } from '../messages/index';
import { messageError } from '../messages/index';
import type { Store } from '../store/index';
import { documentsCollection, type DocumentRecord } from './document-record';

type Node = { [keyword: string]: unknown };

/** The same name ensureDocumentIndexes gives a definition index. */
function indexName(keys: Record<string, 1 | -1>, unique: boolean | undefined): string {
  const stored = Object.entries(keys).map(([path, dir]) => [path === 'id' ? '_id' : path, dir] as const);
  return `def_${stored.map(([path, dir]) => `${path.replace(/\./g, '_')}_${dir}`).join('_')}${unique ? '_u' : ''}`;
}

function fieldTitle(def: Definition, name: string): Record<Locale, string> {
  const node = (def.schema.properties as Record<string, Node> | undefined)?.[name];
  const title = node?.['x-title'] as Partial<Record<Locale, string>> | undefined;
  const plain = typeof node?.title === 'string' ? node.title : name;
  return { 'zh-CN': title?.['zh-CN'] ?? plain, en: title?.en ?? plain };
}

/** How people know a record: its name, else code or number. */
function labelOf(doc: DocumentRecord): string {
  const { name, code, sku } = doc.data as { name?: unknown; code?: unknown; sku?: unknown };
  for (const v of [name, code, sku]) if (typeof v === 'string' && v !== '') return v;
  return doc.number;
}

export async function duplicateFieldError(
  store: Store,
  compiled: CompiledDefinition,
  err: DuplicateKeyError,
  data: Record<string, unknown>,
): Promise<AppError> {
  const def = compiled.def;
  const index = (def.indexes ?? []).find((i) => i.unique && indexName(i.keys, i.unique) === err.index);
  // Only a single data field can be named; anything else keeps the generic answer.
  const paths = index ? Object.keys(index.keys) : [];
  const field =
    paths.length === 1 && paths[0].startsWith('data.') && !paths[0].slice(5).includes('.') ? paths[0].slice(5) : null;
  if (!field) {
    return messageError(
      'DUPLICATE_KEY.unique_index',
      { type: def.key, index: err.index },
      {
        errors: [fieldError('', 'DUPLICATE_KEY.unique_index_value', { index: err.index })],
        extra: { index: err.index },
        cause: err,
      },
    );
  }
  const value = data[field];
  const existing = await documentsCollection(store, def.key).findOne({ [`data.${field}`]: value });
  const params = {
    title: fieldTitle(def, field),
    value: String(value),
    ...(existing ? { label: labelOf(existing) } : {}),
  };
  const key = existing ? 'DUPLICATE_KEY.value_used_by' : 'DUPLICATE_KEY.value_used';
  return messageError(key, params, {
    errors: [fieldError(`/${field}`, key, params)],
    extra: {
      index: err.index,
      field,
      ...(existing ? { existing: { id: existing._id, number: existing.number, label: labelOf(existing) } } : {}),
    },
    cause: err,
  });
}
