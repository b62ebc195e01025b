// Field and definition keys: what the engine accepts (meta-schema) and what stays
// safe in JSON-Logic paths, Handlebars and the database.
export type KeyProblem = 'empty' | 'unsafe' | 'reserved' | 'duplicate';

/** Field names: letters, digits, underscore, starting with a letter (the meta-schema allows `_` first; we don't, for readable paths). */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Definition keys, as the engine's meta-schema and routes require. */
export const DEFINITION_KEY = /^[a-z][a-z0-9_]{1,63}$/;

/** Names that collide with JavaScript objects, the document envelope or rule context roots. */
const RESERVED = new Set([
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'id',
  'data',
  'doc',
  'user',
  'now',
  'related',
  'line',
  'current',
  'accumulator',
]);

export function checkFieldKey(key: string, siblings: string[]): KeyProblem | null {
  if (key.trim() === '') return 'empty';
  if (!FIELD_KEY.test(key)) return 'unsafe';
  if (RESERVED.has(key)) return 'reserved';
  if (siblings.includes(key)) return 'duplicate';
  return null;
}

export function checkDefinitionKey(key: string, existing: string[]): KeyProblem | null {
  if (key.trim() === '') return 'empty';
  if (!DEFINITION_KEY.test(key)) return 'unsafe';
  if (existing.includes(key)) return 'duplicate';
  return null;
}

/** A key from an English label ("Delivery address" → deliveryAddress), unique among siblings. */
export function suggestKey(label: string, siblings: string[], fallback = 'field'): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let key = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[A-Za-z]/.test(key)) key = fallback + key;
  key = key.slice(0, 60);
  let candidate = key;
  for (let n = 2; checkFieldKey(candidate, siblings) !== null; n++) candidate = `${key}${n}`;
  return candidate;
}
