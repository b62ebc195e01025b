// Stored form of documents. FerretDB 1.24 refuses keys that start with `$` or
// contain `.` (JSON Schema's `$schema`, `$defs`, `$ref`) and arrays nested in
// arrays; MongoDB accepts those in inserts but not everywhere in updates. So
// every value written goes through `encode` and every value read through
// `decode`, on both servers, giving one stored form:
// - such a key is stored as ESCAPE + the key with `%` and `.` percent-encoded
//   (a key that itself starts with ESCAPE is escaped the same way);
// - an array inside an array is stored as `{ [ARRAY_KEY]: items }`, a key no
//   escaped user key can equal.
// Filters are not encoded: the engine never queries inside such values.

const ESCAPE = '\uFF04'; // FULLWIDTH DOLLAR SIGN
const ARRAY_KEY = `${ESCAPE}[]`;

const needsEscape = (key: string): boolean => key.startsWith('$') || key.startsWith(ESCAPE) || key.includes('.');

export function encodeKey(key: string): string {
  if (!needsEscape(key)) return key;
  return ESCAPE + key.replace(/%/g, '%25').replace(/\./g, '%2E');
}

export function decodeKey(key: string): string {
  if (!key.startsWith(ESCAPE)) return key;
  return key.slice(1).replace(/%2E/g, '.').replace(/%25/g, '%');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Encodes a value for storage; `inArray` when it is an element of an array. Always returns a copy. */
export function encode(value: unknown, inArray = false): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => encode(item, true));
    return inArray ? { [ARRAY_KEY]: items } : items;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[encodeKey(key)] = encode(inner);
  return out;
}

export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === ARRAY_KEY && Array.isArray(value[ARRAY_KEY])) {
    return (value[ARRAY_KEY] as unknown[]).map(decode);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[decodeKey(key)] = decode(value[key]);
  return out;
}

export const encodeDoc = <T>(doc: T): T => encode(doc) as T;
export const decodeDoc = <T>(doc: T): T => decode(doc) as T;
