// The backup file: JSON lines, plain (no checksum prefix) so standard tools can
// read it. First a header (format, version, createdAt, collections with their
// document counts and index specs), then one `{c, d}` line per document, then a
// footer with the total and a SHA-256 of everything before it, so a truncated or
// edited file is refused before anything is replaced.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { IndexSpec, StoredDoc } from '../types';
import { encodeValue } from './codec';
import { isIndexSpec } from './catalog';
import { uniqueIdentity } from './keys';
import { readRawLines } from './legacy/lines';
import { decodeDoc } from './legacy/records';

export interface BackupEntry {
  c: string;
  doc: StoredDoc;
}

export const BACKUP_FORMAT = 'jinxiaocun-flow-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  source: 'embedded';
  collections: Record<string, { documents: number; indexes: IndexSpec[] }>;
}

export class BackupFileError extends Error {
  constructor(file: string, detail: string) {
    super(`${file} is not a usable backup: ${detail}; nothing was changed`);
    this.name = 'BackupFileError';
  }
}

/** Formats a backup: header line, document lines, footer. */
export function* backupLines(header: BackupHeader, entries: Iterable<BackupEntry>): Generator<string> {
  const hash = createHash('sha256');
  let documents = 0;
  const emit = (line: string): string => {
    hash.update(line);
    return line;
  };
  yield emit(`${JSON.stringify(header)}\n`);
  for (const { c, doc } of entries) {
    documents += 1;
    yield emit(`${JSON.stringify({ c, d: encodeValue(doc) })}\n`);
  }
  yield `${JSON.stringify({ end: true, documents, sha256: hash.digest('hex') })}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkHeader(file: string, value: unknown): BackupHeader {
  if (!isObject(value) || value.format !== BACKUP_FORMAT)
    throw new BackupFileError(file, 'it does not start with a backup header');
  if (value.version !== BACKUP_VERSION) throw new BackupFileError(file, `unsupported version ${String(value.version)}`);
  if (!isObject(value.collections)) throw new BackupFileError(file, 'the header lists no collections');
  for (const [name, entry] of Object.entries(value.collections)) {
    const ok =
      isObject(entry) &&
      Number.isInteger(entry.documents) &&
      Array.isArray(entry.indexes) &&
      entry.indexes.every(isIndexSpec);
    if (!ok) throw new BackupFileError(file, `the header entry for ${name} is invalid`);
  }
  return value as unknown as BackupHeader;
}

function parseJson(file: string, text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BackupFileError(file, `line ${lineNo} is not JSON`);
  }
}

/** Tracks ids and unique keys per collection, as the store would enforce them. */
function uniquenessChecker(file: string, header: BackupHeader) {
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const [name, { indexes }] of Object.entries(header.collections)) {
    const perIndex = new Map<string, Set<string>>([['_id_', new Set()]]);
    for (const spec of indexes) if (spec.unique) perIndex.set(spec.name, new Set());
    seen.set(name, perIndex);
  }
  return (c: string, doc: StoredDoc, lineNo: number): void => {
    const perIndex = seen.get(c);
    if (!perIndex) throw new BackupFileError(file, `line ${lineNo} belongs to ${c}, which the header does not list`);
    for (const [index, keys] of perIndex) {
      const spec = header.collections[c].indexes.find((s) => s.name === index);
      const key = spec ? uniqueIdentity(doc, spec) : doc._id;
      if (keys.has(key))
        throw new BackupFileError(file, `line ${lineNo} repeats a value of unique index ${index} in ${c}`);
      keys.add(key);
    }
  };
}

export interface BackupReader {
  header: BackupHeader;
  /** Every document, validated; throws BackupFileError at the first problem, including a bad footer. */
  entries(): AsyncGenerator<BackupEntry>;
  close(): Promise<void>;
}

export async function openBackup(file: string): Promise<BackupReader> {
  const handle = await open(file, 'r');
  const lines = readRawLines(handle);
  const hash = createHash('sha256');
  const first = await lines.next();
  if (first.done || !first.value.complete) {
    await handle.close();
    throw new BackupFileError(file, 'it is empty or cut short');
  }
  hash.update(`${first.value.text}\n`);
  let header: BackupHeader;
  try {
    header = checkHeader(file, parseJson(file, first.value.text, 1));
  } catch (err) {
    await handle.close();
    throw err;
  }
  const check = uniquenessChecker(file, header);

  async function* entries(): AsyncGenerator<BackupEntry> {
    const counts = new Map<string, number>();
    let lineNo = 1;
    for await (const raw of lines) {
      lineNo += 1;
      if (!raw.complete) throw new BackupFileError(file, `line ${lineNo} is cut short`);
      const value = parseJson(file, raw.text, lineNo);
      if (isObject(value) && value.end === true) {
        checkFooter({ file, value, hash: hash.digest('hex'), counts, header });
        if (!(await lines.next()).done) throw new BackupFileError(file, `there is data after the end line ${lineNo}`);
        return;
      }
      hash.update(`${raw.text}\n`);
      const doc = isObject(value) && typeof value.c === 'string' ? decodeDoc(value.d) : undefined;
      if (!doc) throw new BackupFileError(file, `line ${lineNo} is not a document`);
      const c = (value as { c: string }).c;
      check(c, doc, lineNo);
      counts.set(c, (counts.get(c) ?? 0) + 1);
      yield { c, doc };
    }
    throw new BackupFileError(file, 'it is cut short (no end line)');
  }

  return { header, entries, close: () => handle.close() };
}

function checkFooter(options: {
  file: string;
  value: Record<string, unknown>;
  hash: string;
  counts: Map<string, number>;
  header: BackupHeader;
}): void {
  const { file, value, hash, counts, header } = options;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (value.documents !== total)
    throw new BackupFileError(file, `it holds ${total} documents, its end line says ${String(value.documents)}`);
  if (value.sha256 !== hash)
    throw new BackupFileError(file, 'its checksum does not match (the file was changed or damaged)');
  for (const [name, { documents }] of Object.entries(header.collections)) {
    if ((counts.get(name) ?? 0) !== documents)
      throw new BackupFileError(file, `${name} holds a different number of documents than its header says`);
  }
}
