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

/** A snake_case key from an English label ("Department manager" → department_manager), for states, transitions, levels. */
export function snakeKey(label: string): string {
  return label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 63);
}

/**
 * The key after the English label changed: it follows the label while it is still
 * the one made from the old label or a placeholder (`state3`, `action2`), so the admin
 * types a name once; a key set by hand stays. Undefined: keep the key.
 */
export function followLabel(input: {
  key: string;
  oldLabel: string;
  newLabel: string;
  taken: string[];
  placeholder: RegExp;
}): string | undefined {
  const auto = input.key === snakeKey(input.oldLabel) || input.placeholder.test(input.key);
  const next = snakeKey(input.newLabel);
  if (!auto || next.length < 2 || next === input.key) return undefined;
  let candidate = next;
  for (let n = 2; input.taken.includes(candidate); n++) candidate = `${next}_${n}`;
  return candidate;
}
