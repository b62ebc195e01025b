// Reader of the earlier store's snapshots (kept to convert old data directories):
// the whole state at the start of a generation: a header naming the collections
// and their index specs, one line per document, and a footer with the count.
import { open } from 'node:fs/promises';
import type { IndexSpec } from '../../types';
import { snapshotFile } from './files';
import { parseLine, readRawLines } from './lines';
import { decodeDoc, isIndexSpec } from './records';
import { collectionFor, type StoreState } from './state';

const FORMAT = 'jinxiaocun-flow-embedded-snapshot';
const VERSION = 1;
export type CollectionSpecs = Record<string, { indexes: IndexSpec[] }>;

export class DamagedFileError extends Error {
  constructor(file: string, detail: string) {
    super(`${file} is damaged (${detail})`);
    this.name = 'DamagedFileError';
  }
}

/**
 * Loads snapshot `gen` into `state` and returns its size in bytes; throws
 * DamagedFileError unless it is complete and intact.
 */
export async function readSnapshot(dir: string, gen: number, state: StoreState): Promise<number> {
  const file = snapshotFile(dir, gen);
  const handle = await open(file, 'r');
  try {
    let header = false;
    let documents = 0;
    let footer = false;
    let lineNo = 0;
    for await (const raw of readRawLines(handle)) {
      lineNo += 1;
      const line = raw.complete ? (parseLine(raw.text) as Record<string, unknown> | undefined) : undefined;
      if (!line || footer) throw new DamagedFileError(file, `line ${lineNo}`);
      if (!header) {
        readHeader(file, line, gen, state);
        header = true;
      } else if (line.end === true) {
        if (line.documents !== documents) throw new DamagedFileError(file, 'document count does not match');
        footer = true;
      } else {
        const doc = decodeDoc(line.d);
        if (typeof line.c !== 'string' || !doc) throw new DamagedFileError(file, `line ${lineNo}`);
        collectionFor(state, line.c).docs.set(doc._id, doc);
        documents += 1;
      }
    }
    if (!footer) throw new DamagedFileError(file, 'it ends early');
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

function readHeader(file: string, line: Record<string, unknown>, gen: number, state: StoreState): void {
  if (line.format !== FORMAT || line.version !== VERSION || line.gen !== gen) {
    throw new DamagedFileError(file, 'unknown header');
  }
  const collections = line.collections as CollectionSpecs | undefined;
  for (const [name, { indexes }] of Object.entries(collections ?? {})) {
    const coll = collectionFor(state, name);
    for (const spec of indexes) {
      if (!isIndexSpec(spec)) throw new DamagedFileError(file, `bad index spec in ${name}`);
      coll.specs.set(spec.name, spec);
    }
  }
}
