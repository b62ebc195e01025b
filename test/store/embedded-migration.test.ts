// Converting a data directory written by the earlier snapshot + log store
// (test/store/fixtures/legacy-v1, written by that release) to LMDB: on first
// open and by `npm run store -- migrate`, with identical documents, indexes kept,
// the old files moved aside unchanged, and a conversion cut short done again.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../engine/errors';
import { decodeValue } from '../../engine/store/embedded/codec';
import { openLmdb } from '../../engine/store/embedded/env';
import { openEmbeddedStore, queryPlans } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';
import { repoRoot, runCli } from './fixtures/children';

const fixture = path.join(repoRoot, 'test/store/fixtures/legacy-v1');
const dirs: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function legacyCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-migrate-'));
  dirs.push(dir);
  await cp(path.join(fixture, 'datadir'), dir, { recursive: true });
  return dir;
}

async function open(dir: string): Promise<Store> {
  const store = await openEmbeddedStore({ dataDir: dir });
  stores.push(store);
  return store;
}

async function expectIdentical(store: Store): Promise<void> {
  const expected = JSON.parse(await readFile(path.join(fixture, 'expected.json'), 'utf8')) as Record<string, unknown[]>;
  for (const [name, docs] of Object.entries(expected)) {
    expect(await store.collection(name).find({}, { sort: { _id: 1 } })).toEqual(docs.map((d) => decodeValue(d)));
  }
}

describe('embedded store migration from the snapshot + log format', () => {
  it('converts the directory on first open with identical documents, and keeps the old files unchanged', async () => {
    const dir = await legacyCopy();
    const store = await open(dir);
    await expectIdentical(store);
    expect(await store.collection('odd').findById('torn')).toBeNull();
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.jsonl'))).toEqual([]);
    for (const name of await readdir(path.join(fixture, 'datadir'))) {
      expect(await readFile(path.join(dir, 'pre-lmdb', name), 'utf8')).toBe(
        await readFile(path.join(fixture, 'datadir', name), 'utf8'),
      );
    }
  });

  it('keeps the index specs: unique ones refuse duplicates, and lists by customer walk their index', async () => {
    const store = await open(await legacyCopy());
    const orders = store.collection('documents_sales_order');
    await expect(orders.insertOne({ type: 'sales_order', number: 'SO-20261122-0001' })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    queryPlans(store)?.clear();
    const page = await orders.find({ 'data.customer': 'c1' }, { sort: { createdAt: -1, _id: -1 }, limit: 3 });
    expect(page.map((d) => d._id)).toEqual(['so037', 'so033', 'so029']);
    expect(queryPlans(store)?.recent()).toEqual([
      expect.objectContaining({
        plan: 'index',
        index: 'def_data_customer_1_createdAt_-1',
        sortedByIndex: true,
        returned: 3,
      }),
    ]);
  });

  it('converts with npm run store -- migrate, reporting the verified counts', async () => {
    const dir = await legacyCopy();
    const result = await runCli(['migrate'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^converted .* to LMDB: 72 documents in 5 collections, counts and checksums verified; the earlier files are kept in .*pre-lmdb\n$/,
    );
    await expectIdentical(await open(dir));
  });

  it('converts again when an earlier conversion stopped before it was verified', async () => {
    const dir = await legacyCopy();
    const db = openLmdb(dir);
    await db.meta.put(['migration'], { state: 'unverified' });
    await db.docs.put(['documents_sales_order', 'half-done'], '{"_id":"half-done"}');
    await db.env.close();
    const store = await open(dir);
    await expectIdentical(store);
    expect(await store.collection('documents_sales_order').findById('half-done')).toBeNull();
  });

  it('refuses a directory holding both an LMDB store and files of the earlier format, changing nothing', async () => {
    const dir = await legacyCopy();
    const db = openLmdb(dir);
    await db.docs.put(['other', 'x'], '{"_id":"x"}');
    await db.env.close();
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toThrow(
      /holds both an LMDB store and files of the earlier format/,
    );
    expect((await readdir(dir)).filter((n) => n.endsWith('.jsonl'))).toHaveLength(2);
  });
});
