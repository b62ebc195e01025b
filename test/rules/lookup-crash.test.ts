// A booking whose request dies after its counter step and before its commit (a
// fault hook throws there, as a crash would end it) leaves the slot's counter one
// place up and its intent behind; the resume sweep settles it — compensated before
// the decision to commit, rolled forward after it — and the counter is exact
// again: it equals the bookings the store holds for the slot. On both stores.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { COUNTERS_COLLECTION, documentsCollection } from '../../engine/documents/index';
import { INTENTS_COLLECTION, resumeIntents } from '../../engine/documents/intents';
import { describeHttp, type Server, type User } from '../spreadsheets/http';
import { bookingDefinition } from './lookup-fixtures';

interface Doc {
  id: string;
  state: string;
  version: number;
}

const crash = (): never => {
  throw new Error('simulated crash between the counter step and the commit');
};

describeHttp('a crash between the lookup counter step and the commit', (s) => {
  beforeAll(async () => {
    const res = await s().admin.json('PUT', '/api/definitions/delivery_booking', bookingDefinition());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });
  afterEach(() => s().t.app.engine.faults.clear());

  const create = async (user: User, slot: string): Promise<Doc> => {
    const res = await user.json<Doc>('POST', '/api/documents/delivery_booking', { data: { slot, carrier: '车队' } });
    expect(res.status).toBe(201);
    return res.body;
  };
  const submit = (user: User, doc: Doc) =>
    user.json<Doc>('POST', `/api/documents/delivery_booking/${doc.id}/transitions/submit`, { version: doc.version });
  /** The slot's counter and the bookings the store holds for it: equal when the counter is exact. */
  const slotFigures = async (server: Server, slot: string) => {
    const counters = await server.t.store
      .collection<{ _id: string; key: string[]; value: number }>(COUNTERS_COLLECTION)
      .find({ type: 'delivery_booking' });
    const counter = counters.find((c) => c.key[0] === slot)?.value;
    const stored = await documentsCollection(server.t.store, 'delivery_booking').count({
      'data.slot': slot,
      state: { $in: ['booked', 'arrived'] },
    });
    return { counter, stored };
  };
  const sweepLater = async (server: Server) => {
    const errors: unknown[] = [];
    const settled = await resumeIntents({
      store: server.t.store,
      engine: server.t.app.engine,
      log: { error: (obj) => errors.push(obj) },
      now: () => new Date(Date.now() + 120_000),
    });
    expect(errors).toEqual([]);
    return settled;
  };

  it('is compensated by the sweep when it died before deciding to commit: the counter gives the place back', async () => {
    const { clerk } = s();
    const slot = '崩溃 上午';
    expect((await submit(clerk, await create(clerk, slot))).status).toBe(200);
    const doc = await create(clerk, slot);
    s().t.app.engine.faults.set({ 'documents.afterEffects': crash });

    expect((await submit(clerk, doc)).status).toBe(500);
    s().t.app.engine.faults.clear();
    // The dead request holds a place: the counter is one up, its intent pending.
    expect(await slotFigures(s(), slot)).toEqual({ counter: 2, stored: 1 });
    expect(await s().t.store.collection(INTENTS_COLLECTION).find({ docId: doc.id })).toEqual([
      expect.objectContaining({ status: 'pending', seq: 2 }),
    ]);

    expect(await sweepLater(s())).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'compensated' }]);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 1, stored: 1 });
    expect(await sweepLater(s())).toEqual([]);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 1, stored: 1 });

    // The retried request takes its place once.
    expect((await submit(clerk, doc)).status).toBe(200);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 2, stored: 2 });
  });

  it('is rolled forward by the sweep when it died after deciding to commit: the place stays taken, once', async () => {
    const { clerk } = s();
    const slot = '崩溃 下午';
    const doc = await create(clerk, slot);
    s().t.app.engine.faults.set({ 'documents.beforeWrite': crash });

    expect((await submit(clerk, doc)).status).toBe(500);
    s().t.app.engine.faults.clear();
    expect(await slotFigures(s(), slot)).toEqual({ counter: 1, stored: 0 });

    expect(await sweepLater(s())).toEqual([{ id: expect.stringContaining(doc.id), outcome: 'committed' }]);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 1, stored: 1 });
    expect((await clerk.json<Doc>('GET', `/api/documents/delivery_booking/${doc.id}`)).body.state).toBe('booked');
    expect(await sweepLater(s())).toEqual([]);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 1, stored: 1 });

    // Capacity is counted from the exact figure: four more fit, the fifth does not.
    for (let i = 0; i < 4; i += 1) expect((await submit(clerk, await create(clerk, slot))).status).toBe(200);
    expect((await submit(clerk, await create(clerk, slot))).status).toBe(422);
    expect(await slotFigures(s(), slot)).toEqual({ counter: 5, stored: 5 });
  });
});
