// MongoDB store adapter (official driver). Works on MongoDB 6/7 and FerretDB 1.24:
// single-document operations only — no transactions, change streams or $lookup.
import { MongoClient, MongoServerSelectionError } from 'mongodb';
import type { Collection, IndexSpec, Store, StoredDoc } from '../types';
import { createMongoCollection } from './collection';
import { createWriteLock, noLock } from './write-lock';

export interface MongoStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI, else `jinxiaocun`. */
  dbName?: string;
}

const DEFAULT_DB = 'jinxiaocun';
const SERVER_SELECTION_MS = 3000;

/** The database named in the URI path (`mongodb://host/NAME?...`), if any. */
export function dbNameFromUri(uri: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

/** FerretDB answers buildInfo with its own version next to the MongoDB one it emulates. */
async function isFerretDb(client: MongoClient): Promise<boolean> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

async function connect(uri: string): Promise<{ client: MongoClient; ferretdb: boolean }> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: SERVER_SELECTION_MS,
    connectTimeoutMS: SERVER_SELECTION_MS,
    // Same as the embedded adapter's JSON: an undefined field is absent, not null.
    ignoreUndefined: true,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return { client, ferretdb: await isFerretDb(client) };
  } catch (err) {
    await client.close(true);
    if (!(err instanceof MongoServerSelectionError)) throw err; // e.g. authentication failed: says so itself
    throw new Error(`no MongoDB server answered within ${SERVER_SELECTION_MS / 1000} s (${err.message})`, {
      cause: err,
    });
  }
}

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const { client, ferretdb } = await connect(options.uri);
  const db = client.db(options.dbName ?? dbNameFromUri(options.uri) ?? DEFAULT_DB);
  const collections = new Map<string, Collection>();

  return {
    kind: 'mongodb',
    singleWriter: ferretdb,
    collection<T extends StoredDoc = StoredDoc>(name: string): Collection<T> {
      let collection = collections.get(name);
      if (!collection) {
        const lock = ferretdb ? createWriteLock() : noLock;
        collection = createMongoCollection<StoredDoc>(db.collection<StoredDoc>(name), { ferretdb, lock });
        collections.set(name, collection);
      }
      return collection as unknown as Collection<T>;
    },
    async ping() {
      // A failed ping is the answer /health reports, not an error to raise.
      try {
        const reply = await db.command({ ping: 1 });
        return reply.ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
    },
  };
}

export interface CollectionDescription {
  name: string;
  indexes: IndexSpec[];
}

/** The collections of a database and their index specs (for copying a store), `_id_` left out. */
export async function describeMongoDatabase(options: MongoStoreOptions): Promise<CollectionDescription[]> {
  const { client } = await connect(options.uri);
  try {
    const db = client.db(options.dbName ?? dbNameFromUri(options.uri) ?? DEFAULT_DB);
    const out: CollectionDescription[] = [];
    for (const { name, type } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      if ((type !== undefined && type !== 'collection') || name.startsWith('system.')) continue;
      const indexes: IndexSpec[] = [];
      for (const index of await db.collection(name).listIndexes().toArray()) {
        if (index.name === '_id_') continue;
        const keys = Object.fromEntries(
          Object.entries(index.key as Record<string, number>).map(([k, v]) => [k, v === -1 ? -1 : 1]),
        ) as IndexSpec['keys'];
        indexes.push({ name: String(index.name), keys, ...(index.unique === true ? { unique: true } : {}) });
      }
      out.push({ name, indexes });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  } finally {
    await client.close();
  }
}
