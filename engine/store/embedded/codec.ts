// Documents are kept in memory as plain values and written to disk as JSON. JSON
// has no Date and no NaN/Infinity, so those are tagged ({$date}, {$num}); a user
// object that happens to look like a tag (one key named like one) is wrapped in
// {$esc} so it can never be mistaken for one. Keys starting with $ elsewhere (JSON
// Schema's $ref, $defs) pass through untouched.

const TAGS = new Set(['$date', '$num', '$esc']);

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Assigns without ever treating a `__proto__` key as the prototype setter. */
function setMember(target: Plain, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function unsupported(value: unknown, path: string): TypeError {
  const kind = value === null || typeof value !== 'object' ? typeof value : (value.constructor?.name ?? 'object');
  return new TypeError(`cannot store a value of type ${kind} at ${path || 'the document root'}`);
}

/**
 * Deep copy of a storable value. Dates are copied, undefined object members are
 * dropped (undefined array items become null, as in JSON), anything that is not
 * plain data (class instances, functions, bigint, symbols) is refused, so what is
 * in memory is always exactly what a restart will read back.
 */
export function cloneValue<T>(value: T, path = ''): T {
  return cloneAny(value, path) as T;
}

function cloneAny(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : cloneAny(item, `${path}.${i}`)));
  if (isPlainObject(value)) {
    const out: Plain = {};
    // for…in with hasOwn, not Object.entries: no array of pairs per object (about a tenth of a create's garbage).
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      if (item !== undefined) setMember(out, key, cloneAny(item, path ? `${path}.${key}` : key));
    }
    return out;
  }
  throw unsupported(value, path);
}

/** Turns a stored value into JSON-safe data (see the file comment). */
export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value instanceof Date) {
    const time = value.getTime();
    return { $date: Number.isFinite(time) ? time : null };
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encodeValue(item)));
  if (isPlainObject(value)) {
    const out: Plain = {};
    let kept = 0;
    let only = '';
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      if (item === undefined) continue;
      setMember(out, key, encodeValue(item));
      kept += 1;
      only = key;
    }
    return kept === 1 && TAGS.has(only) ? { $esc: out } : out;
  }
  throw unsupported(value, '');
}

/**
 * Inverse of encodeValue, in place: `value` is freshly parsed JSON that the
 * caller hands over. Only tagged members are replaced: a second copy of every
 * document read was garbage the moment it was made.
 */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = decodeValue(value[i]);
    return value;
  }
  const obj = value as Plain;
  const tag = soleKey(obj);
  if (tag === '$date') return new Date(typeof obj.$date === 'number' ? obj.$date : Number.NaN);
  if (tag === '$num') return Number(obj.$num);
  if (tag === '$esc') return decodeMembers(obj.$esc as Plain);
  return decodeMembers(obj);
}

/** The object's only own key, or undefined when it has none or several. */
function soleKey(obj: Plain): string | undefined {
  let sole: string | undefined;
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    if (sole !== undefined) return undefined;
    sole = key;
  }
  return sole;
}

function decodeMembers(obj: Plain): Plain {
  for (const key in obj) {
    if (!Object.hasOwn(obj, key)) continue;
    const item = obj[key];
    if (item === null || typeof item !== 'object') continue;
    const decoded = decodeValue(item);
    if (decoded !== item) setMember(obj, key, decoded);
  }
  return obj;
}
