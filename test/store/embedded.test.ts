// The store contract on the embedded adapter, plus what only a store on local
// disk has to prove: acknowledged writes survive kill -9, one process per data
// directory, indexes kept through a reopen, and the backup/restore CLI.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, DuplicateKeyError } from '../../engine/errors';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';
import { runCli, startTs } from './fixtures/children';
import { storeContract } from './contract';

const tempDirs: string[] = [];
const openStores: Store[] = [];

async function tempDir(prefix = 'embedded-store-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function open(dataDir: string): Promise<Store> {
  const store = await openEmbeddedStore({ dataDir });
  openStores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
  for (const dir of tempDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

let contractDir = '';
storeContract(
  'embedded',
  async () => {
    contractDir = await mkdtemp(path.join(os.tmpdir(), 'embedded-contract-'));
    return openEmbeddedStore({ dataDir: contractDir });
  },
  () => rm(contractDir, { recursive: true, force: true }),
);

const acked = (lines: string[], kind: 'id' | 'count'): string[] =>
  lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1));

/** Runs the writer fixture until it has acknowledged `ids` inserts, then kill -9s it. */
async function writeThenKill(dir: string, ids: number): Promise<string[]> {
  const writer = startTs('test/store/fixtures/writer.ts', [dir]);
  try {
    await writer.waitFor((lines) => acked(lines, 'id').length >= ids);
  } finally {
    await writer.kill9();
  }
  return writer.lines;
}

describe('embedded store durability', () => {
  it('keeps every acknowledged write after kill -9 among concurrent writers', async () => {
    const dir = await tempDir();
    const lines = await writeThenKill(dir, 600);
    const ids = acked(lines, 'id');
    const counts = acked(lines, 'count').map(Number);

    const store = await open(dir);
    const docs = store.collection('acked');
    const found = await docs.find({ _id: { $in: ids } }, { projection: { _id: 1 } });
    expect(found).toHaveLength(ids.length);
    const counter = await store.collection('counters').findById('c');
    expect(counter?.n).toBeGreaterThanOrEqual(Math.max(...counts));
    const sample = await docs.findById(ids[0]);
    expect(sample?.at).toBeInstanceOf(Date);
  });

  it('keeps unique indexes created before a kill -9', async () => {
    const dir = await tempDir();
    await writeThenKill(dir, 20);
    const docs = (await open(dir)).collection('acked');
    await expect(docs.insertOne({ worker: 0, seq: 0 })).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('takes new writes after kill -9 and keeps them through a reopen', async () => {
    const dir = await tempDir();
    const ids = acked(await writeThenKill(dir, 50), 'id');
    const store = await open(dir);
    await store.collection('acked').insertOne({ _id: 'after-kill' });
    await store.close();
    openStores.splice(openStores.indexOf(store), 1);
    const reopened = await open(dir);
    expect(await reopened.collection('acked').count({ _id: { $in: [...ids, 'after-kill'] } })).toBe(ids.length + 1);
  });
});

describe('embedded store encoding', () => {
  const awkward = () => ({
    _id: 'odd',
    looksLikeDate: { $date: 5 },
    looksLikeEscape: { $esc: { $num: 'NaN' } },
    notANumber: Number.NaN,
    infinities: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    dates: [new Date(0), { at: new Date('2030-01-01T00:00:00Z') }],
    json: { $schema: 'x', $ref: '#/y' },
    text: '行\n"quoted"\u0000',
  });

  it('replays awkward values and indexes from the log after a crash', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const c = store.collection('odd');
    await c.createIndex({ name: 'text_unique', keys: { text: 1 }, unique: true });
    await c.insertOne(awkward());
    await c.updateOne({ _id: 'odd' }, { $set: { later: new Date(1) }, $push: { dates: new Date(2) } });
    // A copy taken while the store is open is what a crash leaves behind.
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });

    const replayed = (await open(crashed)).collection('odd');
    const expected = { ...awkward(), later: new Date(1) };
    expected.dates.push(new Date(2));
    expect(await replayed.findById('odd')).toEqual(expected);
    await expect(replayed.insertOne({ text: awkward().text })).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('keeps awkward values through a close and reopen', async () => {
    const dir = await tempDir();
    const store = await openEmbeddedStore({ dataDir: dir });
    await store.collection('odd').insertOne(awkward());
    await store.close();
    expect(await (await open(dir)).collection('odd').findById('odd')).toEqual(awkward());
  });

  it('drops undefined members and refuses values that are not plain data', async () => {
    const c = (await open(await tempDir())).collection('odd');
    const doc = await c.insertOne({ kept: 1, dropped: undefined });
    expect(await c.findById(doc._id)).toEqual({ _id: doc._id, kept: 1 });
    await expect(c.insertOne({ map: new Map() })).rejects.toThrow(/cannot store a value of type Map at map/);
    await expect(c.insertOne({ big: 1n })).rejects.toThrow(TypeError);
  });

  it('keeps a "__proto__" member as data, never as a prototype, through a write and a read', async () => {
    const c = (await open(await tempDir())).collection('odd');
    const doc = JSON.parse('{"_id":"p","box":{"__proto__":{"at":1,"polluted":true}}}') as Record<string, unknown>;
    (doc.box as Record<string, unknown>).when = new Date(7);
    // A Date under "__proto__" is the member a decoder replaces: a plain assignment would set the prototype.
    doc.stamp = JSON.parse('{"__proto__":0}');
    Object.defineProperty(doc.stamp, '__proto__', { value: new Date(9), enumerable: true, writable: true });
    await c.insertOne(doc);
    await c.updateOne({ _id: 'p' }, { $set: { later: new Date(8) } });
    const found = (await c.findById('p')) as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(found.box)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(found.box, '__proto__')?.value).toEqual({ at: 1, polluted: true });
    expect(found.box.when).toEqual(new Date(7));
    expect(Object.getPrototypeOf(found.stamp)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(found.stamp, '__proto__')?.value).toEqual(new Date(9));
    expect(found.later).toEqual(new Date(8));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('embedded store insertTogether', () => {
  it('inserts into several collections in one write, each document as a separate copy', async () => {
    const store = await open(await tempDir());
    const input = { _id: 'o1', lines: [{ qty: 2 }], at: new Date(5) };
    const stored = await store.insertTogether!([
      { collection: 'orders', doc: input },
      { collection: 'events', doc: { _id: 'o1:1', docId: 'o1' } },
    ]);
    input.lines[0].qty = 99;
    expect(stored).toEqual([
      { _id: 'o1', lines: [{ qty: 2 }], at: new Date(5) },
      { _id: 'o1:1', docId: 'o1' },
    ]);
    expect(await store.collection('orders').findById('o1')).toEqual(stored[0]);
    expect(await store.collection('events').findById('o1:1')).toEqual(stored[1]);
  });

  it('writes none of them when one clashes with a unique index, and says which', async () => {
    const store = await open(await tempDir());
    const events = store.collection('events');
    await events.createIndex({ name: 'doc_seq', keys: { docId: 1, seq: 1 }, unique: true });
    await events.insertOne({ _id: 'old', docId: 'o1', seq: 1 });
    const write = store.insertTogether!([
      { collection: 'orders', doc: { _id: 'o1' } },
      { collection: 'outbox', doc: { _id: 'o1:1:mail' } },
      { collection: 'events', doc: { _id: 'o1:1', docId: 'o1', seq: 1 } },
    ]);
    await expect(write).rejects.toMatchObject({ name: 'DuplicateKeyError', collection: 'events', index: 'doc_seq' });
    expect(await store.collection('orders').count({})).toBe(0);
    expect(await store.collection('outbox').count({})).toBe(0);
    expect(await events.count({})).toBe(1);
  });

  it('refuses two documents with one _id in the same collection, writing neither', async () => {
    const store = await open(await tempDir());
    const write = store.insertTogether!([
      { collection: 'orders', doc: { _id: 'o1', n: 1 } },
      { collection: 'orders', doc: { _id: 'o1', n: 2 } },
    ]);
    await expect(write).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await store.collection('orders').count({})).toBe(0);
  });
});

describe('embedded store updateAndInsert', () => {
  it('updates the matched document and inserts the others in one write', async () => {
    const store = await open(await tempDir());
    await store.collection('orders').insertOne({ _id: 'o1', version: 1, state: 'draft' });
    const event = { _id: 'o1:2', docId: 'o1', at: new Date(5) };
    const updated = await store.updateAndInsert!(
      { collection: 'orders', filter: { _id: 'o1', version: 1 }, update: { $set: { version: 2, state: 'submitted' } } },
      [
        { collection: 'events', doc: event },
        { collection: 'outbox', doc: { _id: 'o1:2:mail', status: 'pending' } },
      ],
    );
    event.at.setTime(99);
    expect(updated).toEqual({ _id: 'o1', version: 2, state: 'submitted' });
    expect(await store.collection('orders').findById('o1')).toEqual(updated);
    expect(await store.collection('events').findById('o1:2')).toEqual({ _id: 'o1:2', docId: 'o1', at: new Date(5) });
    expect(await store.collection('outbox').count({})).toBe(1);
  });

  it('writes nothing and answers null when the guard no longer matches', async () => {
    const store = await open(await tempDir());
    await store.collection('orders').insertOne({ _id: 'o1', version: 2 });
    const updated = await store.updateAndInsert!(
      { collection: 'orders', filter: { _id: 'o1', version: 1 }, update: { $set: { version: 2, late: true } } },
      [{ collection: 'events', doc: { _id: 'o1:2' } }],
    );
    expect(updated).toBeNull();
    expect(await store.collection('orders').findById('o1')).toEqual({ _id: 'o1', version: 2 });
    expect(await store.collection('events').count({})).toBe(0);
  });

  it('undoes the update too when an insert clashes, and says which collection', async () => {
    const store = await open(await tempDir());
    await store.collection('orders').insertOne({ _id: 'o1', version: 1 });
    await store.collection('events').insertOne({ _id: 'o1:2', earlier: true });
    const write = store.updateAndInsert!(
      { collection: 'orders', filter: { _id: 'o1', version: 1 }, update: { $set: { version: 2 } } },
      [
        { collection: 'outbox', doc: { _id: 'o1:2:mail' } },
        { collection: 'events', doc: { _id: 'o1:2' } },
      ],
    );
    await expect(write).rejects.toMatchObject({ name: 'DuplicateKeyError', collection: 'events' });
    expect(await store.collection('orders').findById('o1')).toEqual({ _id: 'o1', version: 1 });
    expect(await store.collection('outbox').count({})).toBe(0);
    expect(await store.collection('events').findById('o1:2')).toEqual({ _id: 'o1:2', earlier: true });
  });
  it('creates the matched document with upsert and builds the inserts from what it became', async () => {
    const store = await open(await tempDir());
    await store.collection('orders').createIndex({ name: 'number', keys: { number: 1 }, unique: true });
    const numbered = (seq: number) => ({ collection: 'orders', doc: { _id: `o${seq}`, number: `SO-${seq}` } });
    const take = () =>
      store.updateAndInsert!(
        { collection: 'counters', filter: { _id: 'orders' }, update: { $inc: { seq: 1 } }, upsert: true },
        (counter) => [numbered(counter.seq as number)],
      );
    expect(await take()).toEqual({ _id: 'orders', seq: 1 });
    expect(await take()).toEqual({ _id: 'orders', seq: 2 });
    expect(await store.collection('orders').find({}, { sort: { number: 1 } })).toEqual([
      { _id: 'o1', number: 'SO-1' },
      { _id: 'o2', number: 'SO-2' },
    ]);
    // A number already taken outside the counter: the clash undoes the counter's move too.
    await store.collection('orders').insertOne({ _id: 'x', number: 'SO-3' });
    await expect(take()).rejects.toMatchObject({ name: 'DuplicateKeyError', collection: 'orders' });
    expect(await store.collection('counters').findById('orders')).toEqual({ _id: 'orders', seq: 2 });
  });
});

describe('embedded store lock', () => {
  it('refuses a data directory another process holds, naming it, and takes over once that process is killed', async () => {
    const dir = await tempDir();
    const holder = startTs('test/store/fixtures/holder.ts', [dir]);
    try {
      await holder.waitFor((lines) => lines.includes('ready'));
      const refused = await openEmbeddedStore({ dataDir: dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('STORE_LOCKED');
      expect((refused as AppError).message).toBe(
        `DATA_DIR ${dir} is in use by another process (pid ${holder.process.pid}); stop it or choose another DATA_DIR`,
      );
    } finally {
      await holder.kill9();
    }
    const store = await open(dir);
    expect(await store.collection('held').count({ by: holder.process.pid })).toBe(1);
  });

  it('refuses to open the same directory twice in one process', async () => {
    const dir = await tempDir();
    await open(dir);
    await expect(openEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
  });

  it('releases the lock on close', async () => {
    const dir = await tempDir();
    const first = await openEmbeddedStore({ dataDir: dir });
    await first.collection('x').insertOne({ _id: 'a' });
    await first.close();
    expect(await readdir(dir)).not.toContain('store.lock');
    const second = await open(dir);
    expect(await second.collection('x').findById('a')).toEqual({ _id: 'a' });
  });

  it('takes over a lock file whose process is gone', async () => {
    const dir = await tempDir();
    // Far above any pid_max, so no such process exists.
    await writeFile(path.join(dir, 'store.lock'), JSON.stringify({ pid: 2 ** 30 }));
    const store = await open(dir);
    expect(await store.ping()).toBe(true);
  });
});

describe('embedded store reopen', () => {
  const model = (i: number) => ({
    _id: `d${i}`,
    sku: `S${i}`,
    qty: i,
    at: new Date(Date.UTC(2024, 0, 1 + (i % 28))),
    nested: { list: [i, `${i}`] },
  });

  it('keeps everything, including unique indexes, through a reopen', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const c = store.collection('items');
    await c.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true });
    await c.createIndex({ name: 'qty', keys: { qty: -1 } });
    // Many small writes, each its own transaction.
    for (let i = 0; i < 300; i += 3) await c.insertMany([model(i), model(i + 1), model(i + 2)]);
    for (let i = 0; i < 100; i += 1) await c.updateOne({ _id: `d${i}` }, { $inc: { qty: 1000 } });
    await c.deleteMany({ qty: { $gte: 200, $lt: 250 } });
    const expected = await c.find({}, { sort: { _id: 1 } });
    await store.close();
    openStores.splice(openStores.indexOf(store), 1);

    const reopened = await open(dir);
    const again = reopened.collection('items');
    expect(await again.find({}, { sort: { _id: 1 } })).toEqual(expected);
    await expect(again.insertOne({ sku: 'S1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(again.createIndex({ name: 'sku_unique', keys: { sku: 1 }, unique: true })).resolves.toBeUndefined();
  });

  it('reopens an empty store it created', async () => {
    const dir = await tempDir();
    await (await openEmbeddedStore({ dataDir: dir })).close();
    const store = await open(dir);
    expect(await store.collection('nothing').count()).toBe(0);
  });
});

// Each CLI run is a child that compiles itself (tsx) as it starts: a test with four of them
// took 40 s beside two busy cores, so these get more than the default 60 s.
describe('embedded store backup CLI', { timeout: 180_000 }, () => {
  async function seeded(dir: string): Promise<Store> {
    const store = await open(dir);
    const c = store.collection('orders');
    await c.createIndex({ name: 'number_unique', keys: { number: 1 }, unique: true });
    await c.insertMany([
      {
        _id: 'o1',
        number: 'SO-1',
        at: new Date('2024-05-06T07:08:09Z'),
        lines: [{ sku: 'A', qty: 2 }],
        schema: { $ref: '#/x' },
      },
      { _id: 'o2', number: 'SO-2', total: 12.5, note: null, tags: ['x'] },
    ]);
    await store.collection('customers').insertOne({ _id: 'c1', name: '张三眼镜店' });
    return store;
  }

  it('backs up a running store, also while it writes, and restores it into a stopped directory', async () => {
    const source = await tempDir();
    const store = await seeded(source);
    let writing = true;
    const writes = (async () => {
      for (let i = 0; writing; i += 1) await store.collection('busy').insertOne({ i });
    })();
    const file = path.join(await tempDir('embedded-backup-'), 'backup.jsonl');
    const backup = await runCli(['backup', file], source);
    writing = false;
    await writes;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout.trim().split('\n')).toHaveLength(1);
    expect(backup.stdout).toContain(file);

    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]) as Record<string, unknown>;
    expect(header).toMatchObject({ format: 'jinxiaocun-flow-backup', version: 1 });
    expect(typeof header.createdAt).toBe('string');
    expect(header.collections).toMatchObject({
      orders: { documents: 2, indexes: [{ name: 'number_unique', keys: { number: 1 }, unique: true }] },
    });

    const target = await tempDir();
    const restore = await runCli(['restore', file], target);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const restored = await open(target);
    const orders = restored.collection('orders');
    expect(await orders.find({}, { sort: { _id: 1 } })).toEqual(
      await store.collection('orders').find({}, { sort: { _id: 1 } }),
    );
    expect((await orders.findById('o1'))?.at).toBeInstanceOf(Date);
    expect(await restored.collection('customers').findById('c1')).toEqual({ _id: 'c1', name: '张三眼镜店' });
    expect(await restored.collection('busy').count()).toBeGreaterThanOrEqual(0);
    await expect(orders.insertOne({ number: 'SO-1' })).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('backs up while another process writes, and the backup restores', async () => {
    const source = await tempDir();
    const writer = startTs('test/store/fixtures/writer.ts', [source]);
    const file = path.join(await tempDir('embedded-backup-'), 'backup.jsonl');
    let before: string[];
    try {
      await writer.waitFor((lines) => acked(lines, 'id').length >= 200);
      before = acked(writer.lines, 'id');
      const backup = await runCli(['backup', file], source);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
    } finally {
      await writer.kill9();
    }
    const target = await tempDir();
    expect((await runCli(['restore', file], target)).code).toBe(0);
    const restored = await open(target);
    expect(await restored.collection('acked').count({ _id: { $in: before } })).toBe(before.length);
  });

  it('replaces the data of a stopped directory on restore', async () => {
    const source = await tempDir();
    await seeded(source);
    const file = path.join(await tempDir('embedded-backup-'), 'backup.jsonl');
    expect((await runCli(['backup', file], source)).code).toBe(0);

    const target = await tempDir();
    const before = await openEmbeddedStore({ dataDir: target });
    await before.collection('orders').insertOne({ _id: 'stale', number: 'OLD' });
    await before.collection('other').insertOne({ _id: 'gone' });
    await before.close();

    expect((await runCli(['restore', file], target)).code).toBe(0);
    const after = await open(target);
    expect(await after.collection('orders').findById('stale')).toBeNull();
    expect(await after.collection('other').count()).toBe(0);
    expect(await after.collection('orders').count()).toBe(2);
  });

  it('refuses to restore while the directory is in use, and changes nothing', async () => {
    const source = await tempDir();
    const store = await seeded(source);
    const file = path.join(await tempDir('embedded-backup-'), 'backup.jsonl');
    expect((await runCli(['backup', file], source)).code).toBe(0);
    await store.collection('orders').insertOne({ _id: 'o3', number: 'SO-3' });

    const result = await runCli(['restore', file], source);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`DATA_DIR ${source} is in use by another process (pid ${process.pid})`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await store.collection('orders').findById('o3')).not.toBeNull();
  });

  it('refuses a damaged backup file before replacing anything', async () => {
    const source = await tempDir();
    await seeded(source);
    const file = path.join(await tempDir('embedded-backup-'), 'backup.jsonl');
    expect((await runCli(['backup', file], source)).code).toBe(0);
    const text = await readFile(file, 'utf8');
    const truncated = `${file}.cut`;
    await writeFile(truncated, text.split('\n').slice(0, 2).join('\n') + '\n');
    const edited = `${file}.edited`;
    await writeFile(edited, text.replace('SO-2', 'SO-9'));

    const target = await tempDir();
    const keep = await openEmbeddedStore({ dataDir: target });
    await keep.collection('orders').insertOne({ _id: 'keep' });
    await keep.close();

    for (const bad of [truncated, edited, path.join(target, 'missing.jsonl')]) {
      const result = await runCli(['restore', bad], target);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^restore failed: .*nothing was changed\n$/);
    }
    const after = await open(target);
    expect(await after.collection('orders').find({})).toEqual([{ _id: 'keep' }]);
  });

  it('fails clearly when DATA_DIR holds no store', async () => {
    const empty = await tempDir();
    const result = await runCli(['backup', path.join(empty, 'b.jsonl')], path.join(empty, 'nope'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(`backup failed: DATA_DIR ${path.join(empty, 'nope')} does not exist\n`);
  });
});
