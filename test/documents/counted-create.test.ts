// A document created straight into a counted state (documents/insert-new-document.ts)
// takes its counter place under an intent; once the document is written, a failure
// to drop the counter's marker is logged, never reported as a failed create (the
// document exists, and a client told otherwise would create it again).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledDefinition } from '../../engine/definitions/index';
import { documentsCollection } from '../../engine/documents/document-record';
import { insertNewDocument } from '../../engine/documents/insert-new-document';
import { COUNTERS_COLLECTION, counterLookups, type CounterDoc } from '../../engine/documents/lookup-counters';
import { compileLookups } from '../../engine/documents/lookups';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/index';
import { faultyStore } from '../inventory/faulty-store';
import { bookingDefinition } from '../rules/lookup-fixtures';

describe('a create into a counted state (embedded store)', () => {
  let dir: string;
  let real: Store;
  const base = bookingDefinition();
  // Booked as soon as it exists: its creation takes a place in the slot's counter.
  const def = { ...base, version: 1, states: base.states.filter((s) => s.key !== 'draft'), initialState: 'booked' };
  const compiled = {
    def,
    numbering: null,
    counters: counterLookups(def, compileLookups(def)),
    crossCounters: [],
  } as unknown as CompiledDefinition;
  const counting = { registry: { countedBy: async () => [] } };
  const actor = { id: 'u1', username: 'clerk' };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jxc-counted-create-'));
    real = await openEmbeddedStore({ dataDir: dir });
  });

  afterAll(async () => {
    await real.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers with the document when settling the counter marker fails after the write, and logs it', async () => {
    expect(compiled.counters).toHaveLength(1);
    const logged: string[] = [];
    const log = { error: (_obj: object, msg: string) => void logged.push(msg) };
    // The counter's first update is the increase; the second, dropping its marker, fails.
    const store = faultyStore(real, { collection: COUNTERS_COLLECTION, method: 'updateOne', skip: 1 });
    const data = { slot: '09:00', carrier: '顺丰' };
    const doc = await insertNewDocument(store, { compiled, id: 'b1', data, actor, now: new Date(), counting, log });
    expect(doc).toMatchObject({ _id: 'b1', state: 'booked' });
    expect(await documentsCollection(real, def.key).findById('b1')).toMatchObject({ state: 'booked', data });
    expect(logged).toEqual(['settling lookup counter markers failed; they stay, harmless']);
    const [counter] = await real.collection<CounterDoc>(COUNTERS_COLLECTION).find({});
    expect(counter.value).toBe(1);
    expect(Object.keys(counter.applied)).toHaveLength(1);

    // The next create settles its own marker as usual; the stale one only sits there.
    await insertNewDocument(real, { compiled, id: 'b2', data, actor, now: new Date(), counting, log });
    const after = await real.collection<CounterDoc>(COUNTERS_COLLECTION).findById(counter._id);
    expect(after?.value).toBe(2);
    expect(Object.keys(after?.applied ?? {})).toHaveLength(1);
    expect(logged).toHaveLength(1);
  });
});
