// `npm run store -- copy --to mongodb://…` and `copy --from mongodb://…` against
// FerretDB (or MONGODB_URI): documents, Dates and awkward keys arrive intact, the
// index specs come along (unique ones still refuse duplicates), both sides are
// verified, and a target that already holds documents is refused untouched.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../engine/errors';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { newId } from '../../engine/store/ids';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { mongoUri, requireService } from '../support/services';
import { runCli } from './fixtures/children';

const uri = mongoUri();

function withDb(base: string, db: string): string {
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

const orders = [
  {
    _id: 'o1',
    number: 'SO-1',
    at: new Date('2026-11-22T08:00:00Z'),
    lines: [{ sku: 'A', qty: 2 }],
    schema: { $ref: '#/x', 'a.b': 1 },
  },
  { _id: 'o2', number: 'SO-2', total: 12.5, note: null, grid: [[1, 2], [3]], text: '眼镜店 “quoted”' },
];

// Each CLI run is a child that compiles itself (tsx) as it starts, slow on busy CI cores:
// a test running two of them gets more than the default 60 s.
describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))(
  'store copy to and from MongoDB',
  { timeout: 180_000 },
  () => {
    const dbName = `copy_${newId()}`;
    const target = withDb(uri as string, dbName);
    const occupied = withDb(uri as string, `${dbName}_b`);
    const dirs: string[] = [];
    const tempDir = async (): Promise<string> => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'store-copy-'));
      dirs.push(dir);
      return dir;
    };

    afterAll(async () => {
      const client = new MongoClient(uri as string);
      await client.connect();
      await client.db(dbName).dropDatabase();
      await client.db(`${dbName}_b`).dropDatabase();
      await client.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    });

    async function expectCopied(store: Store): Promise<void> {
      const copied = store.collection('orders');
      expect(await copied.find({}, { sort: { _id: 1 } })).toEqual(orders);
      expect(await store.collection('customers').findById('c1')).toEqual({ _id: 'c1', name: '张三眼镜店' });
      await expect(copied.insertOne({ number: 'SO-1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    }

    it('copies an embedded store into an empty MongoDB database, and back into an empty directory', async () => {
      const source = await tempDir();
      const store = await openEmbeddedStore({ dataDir: source });
      await store.collection('orders').createIndex({ name: 'number_unique', keys: { number: 1 }, unique: true });
      await store.collection('orders').insertMany(orders);
      await store.collection('customers').insertOne({ _id: 'c1', name: '张三眼镜店' });
      await store.close();

      const out = await runCli(['copy', '--to', target], source);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(
        /^copied 3 documents in 2 collections from .* to mongodb:\/\/.*; counts and checksums verified\n$/,
      );
      const mongo = await openMongoStore({ uri: target });
      try {
        await expectCopied(mongo);
      } finally {
        await mongo.close();
      }

      const back = await tempDir();
      const home = await runCli(['copy', '--from', target], back);
      expect(home.stderr).toBe('');
      expect(home.code).toBe(0);
      const embedded = await openEmbeddedStore({ dataDir: back });
      try {
        await expectCopied(embedded);
      } finally {
        await embedded.close();
      }
    });

    it('refuses to copy into a database that already holds documents, changing nothing', async () => {
      const source = await tempDir();
      const store = await openEmbeddedStore({ dataDir: source });
      await store.collection('orders').insertOne({ _id: 'o9', number: 'SO-9' });
      await store.close();
      const seeded = await openMongoStore({ uri: occupied });
      await seeded.collection('orders').insertOne({ _id: 'o1', number: 'SO-1' });
      await seeded.close();
      const out = await runCli(['copy', '--to', occupied], source);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(
        /^copy failed: the MongoDB database already holds documents in orders; copy into an empty store, nothing was copied\n$/,
      );
      const mongo = await openMongoStore({ uri: occupied });
      try {
        expect(await mongo.collection('orders').find({})).toEqual([{ _id: 'o1', number: 'SO-1' }]);
      } finally {
        await mongo.close();
      }
    });
  },
);
