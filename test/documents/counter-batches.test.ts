// Increases of one lookup counter gathered in batches (keyed-batches.ts,
// counter-writes.ts): what arrives while a key's write runs goes together in the
// next one, each increase checked against the value the ones before it leave.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../engine/documents/document-record';
import { createKeyedBatches, type KeyedBatches } from '../../engine/documents/keyed-batches';
import { compileLookups } from '../../engine/documents/lookups';
import { applyCounterDeltas, type CounterGuard } from '../../engine/documents/counter-writes';
import { COUNTERS_COLLECTION, counterDeltas, type CounterDoc } from '../../engine/documents/lookup-counters';
import { AppError } from '../../engine/errors';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/index';
import { bookingDefinition } from '../rules/lookup-fixtures';

/** A promise with its resolve at hand, to hold a batch open. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('keyed batches', () => {
  it('runs what arrives on a key while its batch runs as one next batch, other keys side by side', async () => {
    const batches = createKeyedBatches();
    const seen: string[][] = [];
    const held = gate();
    const run = async (items: string[]) => {
      seen.push(items);
      if (items[0] === 'a1') await held.opened;
      return items.map((item) => item.toUpperCase());
    };
    const first = batches('a', 'a1', run);
    const waiting = ['a2', 'a3', 'a4'].map((item) => batches('a', item, run));
    expect(await batches('b', 'b1', run)).toBe('B1');
    expect(seen).toEqual([['a1'], ['b1']]);
    held.open();
    expect(await Promise.all([first, ...waiting])).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(seen).toEqual([['a1'], ['b1'], ['a2', 'a3', 'a4']]);
  });

  it("fails every item of a batch whose run throws, and runs the key's next batch", async () => {
    const batches = createKeyedBatches();
    const held = gate();
    const run = async (items: number[]) => {
      if (items[0] === 1) await held.opened;
      if (items.includes(2)) throw new Error('disk full');
      return items.map((n) => n * 10);
    };
    const first = batches('k', 1, run);
    const failing = [batches('k', 2, run), batches('k', 3, run)];
    held.open();
    expect(await first).toBe(10);
    for (const item of failing) await expect(item).rejects.toThrow('disk full');
    expect(await batches('k', 4, run)).toBe(40);
  });
});

describe('lookup counter increases in batches (embedded store)', () => {
  let dir: string;
  let store: Store;
  const def = { ...bookingDefinition(), version: 1 };
  const lookups = compileLookups(def);
  const booking = (slot: string, state: string): DocumentRecord =>
    ({ _id: 'x', type: def.key, state, data: { slot, carrier: '顺丰' } }) as unknown as DocumentRecord;
  const deltaOf = (slot: string) => counterDeltas(lookups, booking(slot, 'draft'), booking(slot, 'booked'))[0];
  const full = new AppError('RULE_FAILED', 'the slot is full');
  const capacityFive: CounterGuard = (figures) => (figures.bookings < 5 ? null : full);

  const book = (batches: KeyedBatches | undefined, op: string, slot = '09:00', guard = capacityFive) =>
    applyCounterDeltas(store, {
      type: def.key,
      lookups,
      deltas: [deltaOf(slot)],
      opKey: op,
      guard,
      batches,
    });
  const counted = async (slot = '09:00') =>
    (await store.collection<CounterDoc>(COUNTERS_COLLECTION).findById(deltaOf(slot).counter))?.value;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jxc-counter-batches-'));
    store = await openEmbeddedStore({ dataDir: dir });
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets exactly the capacity through when eight book at once: one alone, seven in the next batch', async () => {
    const sizes: number[] = [];
    const batches = createKeyedBatches();
    const counting: KeyedBatches = (key, item, run) =>
      batches(key, item, async (items) => {
        sizes.push(items.length);
        return run(items);
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => book(counting, `op-${i}`)));
    expect(sizes).toEqual([1, 7]);
    expect(results.map((r) => r.status)).toEqual([...Array(5).fill('fulfilled'), ...Array(3).fill('rejected')]);
    for (const refused of results.slice(5)) expect((refused as PromiseRejectedResult).reason).toBe(full);
    expect(await counted()).toBe(5);
  });

  it('counts a retried change once, in a batch or alone, and does not refuse it for the place it holds', async () => {
    const batches = createKeyedBatches();
    const at10 = (op: string, via: KeyedBatches | undefined = batches) => book(via, op, '10:00');
    await Promise.all([at10('a'), at10('b'), at10('b')]);
    expect(await counted('10:00')).toBe(2);
    await Promise.all([at10('c'), at10('d'), at10('e')]);
    expect(await counted('10:00')).toBe(5);
    await Promise.all([at10('a'), at10('b', undefined)]);
    expect(await counted('10:00')).toBe(5);
    await expect(at10('f')).rejects.toBe(full);
  });

  it('fails only the change whose guard throws, not the others of its batch', async () => {
    const batches = createKeyedBatches();
    const broken: CounterGuard = () => {
      throw new Error('rule could not be evaluated');
    };
    const results = await Promise.allSettled([
      book(batches, 'g1', '11:00'),
      book(batches, 'g2', '11:00'),
      book(batches, 'g3', '11:00', broken),
      book(batches, 'g4', '11:00'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('rule could not be evaluated'));
    expect(await counted('11:00')).toBe(3);
  });
});
