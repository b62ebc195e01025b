// `npm run store -- copy --to mongodb://…` moves an embedded store into MongoDB
// (a shop outgrowing one PC moves to the MongoDB + Redis deployment), and
// `copy --from mongodb://…` the other way. The target must hold no documents.
// Every collection is copied with its index specs, then both sides are compared
// (count and checksum per collection) before the copy is reported done.
import type { IndexSpec, Store, StoredDoc } from './types';
import { createSummer, differences, type CollectionSum } from './embedded/checksum';
import { assertStoreDir, collectionNames, specsOf } from './embedded/backup';
import { decodeDoc } from './embedded/entries';
import { openLmdb } from './embedded/env';
import { MAX } from './embedded/keys';
import { openEmbeddedStore } from './embedded/index';
import { describeMongoDatabase, openMongoStore } from './mongodb/index';

const BATCH = 500;

export class CopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyError';
  }
}

export interface CopySummary {
  collections: number;
  documents: number;
}

interface Source {
  collections: Array<{ name: string; indexes: IndexSpec[] }>;
  docs(name: string): AsyncIterable<StoredDoc> | Iterable<StoredDoc>;
}

async function assertEmpty(target: Store, names: string[], where: string): Promise<void> {
  for (const name of names) {
    if ((await target.collection(name).count()) > 0) {
      throw new CopyError(`${where} already holds documents in ${name}; copy into an empty store, nothing was copied`);
    }
  }
}

async function copyInto(source: Source, target: Store): Promise<CopySummary> {
  const expected: Record<string, CollectionSum> = {};
  let documents = 0;
  for (const { name, indexes } of source.collections) {
    const coll = target.collection(name);
    for (const spec of indexes) await coll.createIndex(spec);
    const summer = createSummer();
    let batch: StoredDoc[] = [];
    for await (const doc of source.docs(name)) {
      summer.add(doc);
      batch.push(doc);
      if (batch.length >= BATCH) {
        await coll.insertMany(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await coll.insertMany(batch);
    expected[name] = summer.sum();
    documents += expected[name].documents;
  }
  const found: Record<string, CollectionSum> = {};
  for (const { name } of source.collections) {
    const summer = createSummer();
    for await (const doc of target.collection(name).cursor({})) summer.add(doc);
    found[name] = summer.sum();
  }
  const wrong = differences(expected, found);
  if (wrong.length > 0) throw new CopyError(`the copy differs from the source in ${wrong.join(', ')}`);
  return { collections: source.collections.length, documents };
}

/** Embedded store in `dataDir` → MongoDB at `uri`. Reads one snapshot, so it works while the engine runs. */
export async function copyToMongo(options: { dataDir: string; uri: string }): Promise<CopySummary> {
  await assertStoreDir(options.dataDir);
  const db = openLmdb(options.dataDir);
  const txn = db.env.useReadTransaction();
  let target: Store | null = null;
  try {
    const names = collectionNames(db, txn);
    const source: Source = {
      collections: names.map((name) => ({ name, indexes: specsOf(db, name) })),
      *docs(name) {
        for (const { value } of db.docs.getRange({ start: [name], end: [name, MAX], transaction: txn }))
          yield decodeDoc(value);
      },
    };
    target = await openMongoStore({ uri: options.uri });
    await assertEmpty(target, names, 'the MongoDB database');
    return await copyInto(source, target);
  } finally {
    txn.done();
    await db.env.close();
    await target?.close();
  }
}

/** MongoDB at `uri` → the embedded store in `dataDir` (which takes the directory lock: stop the engine first). */
export async function copyFromMongo(options: { dataDir: string; uri: string }): Promise<CopySummary> {
  const collections = await describeMongoDatabase({ uri: options.uri });
  const source = await openMongoStore({ uri: options.uri });
  let target: Store | null = null;
  try {
    target = await openEmbeddedStore({ dataDir: options.dataDir });
    await assertEmpty(
      target,
      collections.map((c) => c.name),
      `DATA_DIR ${options.dataDir}`,
    );
    const from = source;
    return await copyInto({ collections, docs: (name) => from.collection(name).cursor({}) }, target);
  } finally {
    await source.close();
    await target?.close();
  }
}
