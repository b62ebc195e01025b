// Log records and snapshot lines of the earlier store (read only to convert old data directories).
import type { IndexSpec, StoredDoc } from '../../types';
import { decodeValue } from '../codec';
import type { LogRecord } from './state';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isIndexSpec(v: unknown): v is IndexSpec {
  if (!isObject(v) || typeof v.name !== 'string' || !isObject(v.keys)) return false;
  if (v.unique !== undefined && typeof v.unique !== 'boolean') return false;
  const keys = Object.values(v.keys);
  return keys.length > 0 && keys.every((k) => k === 1 || k === -1);
}

/** A decoded document, or undefined when the value is not one. */
export function decodeDoc(v: unknown): StoredDoc | undefined {
  const doc = decodeValue(v);
  return isObject(doc) && typeof doc._id === 'string' && doc._id.length > 0 ? (doc as StoredDoc) : undefined;
}

/** The record a parsed log line holds, or undefined when its shape is wrong. */
export function decodeRecord(v: unknown): LogRecord | undefined {
  if (!isObject(v) || typeof v.c !== 'string') return undefined;
  if (v.op === 'put') {
    const doc = decodeDoc(v.d);
    return doc ? { op: 'put', c: v.c, doc } : undefined;
  }
  if (v.op === 'del') return typeof v.id === 'string' ? { op: 'del', c: v.c, id: v.id } : undefined;
  if (v.op === 'index') return isIndexSpec(v.spec) ? { op: 'index', c: v.c, spec: v.spec } : undefined;
  return undefined;
}
