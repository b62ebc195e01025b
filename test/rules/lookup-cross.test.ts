// A bound over another type's documents, over real HTTP on both stores: the
// delivery slot type's guard `lookup.bookings <= data.capacity` counts the
// bookings (their own type) of its slot, so each booking's change moves the slot
// type's counter and is checked against the open slot's capacity by the counter's
// compare-and-set. Bookings that existed before the slot type was published are
// counted from the store when the counter is first needed. A second engine on the
// same store (its own registry, caches and turns) races the first: the
// compare-and-set on the counter decides between them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../engine/app';
import { COUNTERS_COLLECTION, documentsCollection } from '../../engine/documents/index';
import { createInlineQueue } from '../../engine/queue/inline/index';
import { RELAXED_RATE_LIMITS } from '../support/app';
import { describeHttp, type User } from '../spreadsheets/http';
import { slotBookingDefinition, slotDefinition } from './lookup-fixtures';

interface Doc {
  id: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
}

describeHttp('bounds over another type', (s) => {
  const publish = async (def: { key: string }) => {
    const res = await s().admin.json('PUT', `/api/definitions/${def.key}`, def);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const create = async (user: User, type: string, data: Record<string, unknown>): Promise<Doc> => {
    const res = await user.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const run = (user: User, type: string, doc: Doc, key: string, lang = 'zh-CN') =>
    fetch(`${s().base}/api/documents/${type}/${doc.id}/transitions/${key}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', 'accept-language': lang },
      body: JSON.stringify({ version: doc.version }),
    });
  const book = async (slot: string, carrier: string) => create(s().clerk, 'slot_booking', { slot, carrier });
  const openSlot = async (slot: string, capacity: number): Promise<Response> => {
    const doc = await create(s().admin, 'delivery_slot', { slot, capacity });
    return run(s().admin, 'delivery_slot', doc, 'open');
  };
  const fresh = async (type: string, id: string) =>
    (await s().clerk.json<Doc>('GET', `/api/documents/${type}/${id}`)).body;
  /** The slot type's counter of one slot, and the bookings of that slot a fresh query counts. */
  const counted = async (slot: string) => {
    const store = s().t.store;
    const counters = await store
      .collection<{ _id: string; type: string; key: string[]; value: number }>(COUNTERS_COLLECTION)
      .find({ type: 'delivery_slot' });
    const counter = counters.find((c) => c.key[0] === slot);
    const query = await documentsCollection(store, 'slot_booking').count({
      'data.slot': slot,
      state: { $in: ['booked', 'arrived'] },
    });
    return { counter: counter?.value, query };
  };

  /** Another engine (its own registry, caches and turns) on the same store, which the first engine closes. */
  const engineOnSameStore = async (): Promise<FastifyInstance> => {
    const { t } = s();
    const shared = new Proxy(t.store, {
      get: (target, p) => {
        if (p === 'close') return async () => undefined;
        const value = Reflect.get(target, p);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const app = await buildApp({
      config: t.config,
      store: shared,
      queue: createInlineQueue({ store: shared }),
      rateLimits: RELAXED_RATE_LIMITS,
    });
    await app.ready();
    engines.push(app);
    return app;
  };
  const submitVia = (app: FastifyInstance, user: User, d: Doc) =>
    app.inject({
      method: 'POST',
      url: `/api/documents/slot_booking/${d.id}/transitions/submit`,
      headers: { authorization: `Bearer ${user.token}` },
      payload: { version: d.version },
    });

  const engines: FastifyInstance[] = [];
  beforeAll(async () => {
    await publish(slotBookingDefinition());
  });
  afterAll(async () => {
    for (const app of engines) await app.close();
  });

  it('counts the bookings made before the slot type was published, then holds the capacity from there', async () => {
    const slot = '2026-12-09 上午';
    for (const carrier of ['A', 'B', 'C'])
      expect((await run(s().clerk, 'slot_booking', await book(slot, carrier), 'submit')).status).toBe(200);
    await publish(slotDefinition());
    expect((await openSlot(slot, 4)).status).toBe(200);
    const drafts = await Promise.all(['D', 'E', 'F'].map((c) => book(slot, c)));
    const answers = await Promise.all(drafts.map((d) => run(s().clerk, 'slot_booking', d, 'submit')));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 422, 422]);
    expect(await counted(slot)).toEqual({ counter: 4, query: 4 });
  });

  it('accepts exactly 5 of 50 concurrent bookings of an open slot of capacity 5, the rest 422 naming slot and capacity', async () => {
    const { clerk } = s();
    const slot = '2026-12-10 上午';
    expect((await openSlot(slot, 5)).status).toBe(200);
    const drafts = await Promise.all(Array.from({ length: 50 }, (_, i) => book(slot, `车队 ${i}`)));
    const answers = await Promise.all(drafts.map((d) => run(clerk, 'slot_booking', d, 'submit')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(statuses.filter((x) => x === 422)).toHaveLength(45);
    const refusal = await answers[statuses.indexOf(422)].json();
    expect(refusal).toMatchObject({ code: 'RULE_FAILED', lookup: 'bookings', lookupKey: slot, capacity: 5 });
    expect(refusal.detail).toBe(`送货时段「${slot}」已满：容量 5，已有 5`);
    expect(await counted(slot)).toEqual({ counter: 5, query: 5 });

    // Refused bookings are untouched drafts; in English the refusal reads in English.
    const refused = drafts[statuses.indexOf(422)];
    expect((await fresh('slot_booking', refused.id)).state).toBe('draft');
    const en = await run(clerk, 'slot_booking', refused, 'submit', 'en');
    expect(en.status).toBe(422);
    expect((await en.json()).detail).toBe(`Delivery slot ${slot} is full: capacity 5, 5 taken`);

    // Cancelling one frees exactly one place.
    const booked = drafts.filter((_, i) => statuses[i] === 200);
    expect((await run(clerk, 'slot_booking', await fresh('slot_booking', booked[0].id), 'cancel')).status).toBe(200);
    expect(await counted(slot)).toEqual({ counter: 4, query: 4 });
    const late = drafts.filter((_, i) => statuses[i] === 422).slice(0, 3);
    const retried = await Promise.all(late.map((d) => run(clerk, 'slot_booking', d, 'submit')));
    expect(retried.map((r) => r.status).filter((x) => x === 200)).toHaveLength(1);
    // Arriving keeps the place; the counter still equals a fresh count.
    expect((await run(clerk, 'slot_booking', await fresh('slot_booking', booked[1].id), 'arrive')).status).toBe(200);
    expect(await counted(slot)).toEqual({ counter: 5, query: 5 });
  });

  it("moves a booking's place with a PATCH, refuses a PATCH into a full slot, and leaves a slot no slot document names unbounded", async () => {
    const { clerk } = s();
    const full = '2026-12-11 上午';
    const free = '2026-12-11 下午';
    expect((await openSlot(full, 1)).status).toBe(200);
    expect((await openSlot(free, 1)).status).toBe(200);
    const a = await book(full, 'A');
    expect((await run(clerk, 'slot_booking', a, 'submit')).status).toBe(200);
    const b = await book(free, 'B');
    expect((await run(clerk, 'slot_booking', b, 'submit')).status).toBe(200);
    const current = await fresh('slot_booking', b.id);
    const patch = await clerk.json('PATCH', `/api/documents/slot_booking/${b.id}`, {
      version: current.version,
      data: { slot: full },
    });
    expect(patch.status).toBe(422);
    expect(patch.body).toMatchObject({ code: 'RULE_FAILED', lookupKey: full, capacity: 1 });
    expect((await fresh('slot_booking', b.id)).data.slot).toBe(free);
    expect(await counted(full)).toEqual({ counter: 1, query: 1 });
    expect(await counted(free)).toEqual({ counter: 1, query: 1 });

    // Cancelling A frees the full slot; B moves there and its old slot is free again.
    expect((await run(clerk, 'slot_booking', await fresh('slot_booking', a.id), 'cancel')).status).toBe(200);
    const moved = await clerk.json('PATCH', `/api/documents/slot_booking/${b.id}`, {
      version: current.version,
      data: { slot: full },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await counted(full)).toEqual({ counter: 1, query: 1 });
    expect(await counted(free)).toEqual({ counter: 0, query: 0 });

    // No slot document names this one: nothing bounds it, but it is still counted.
    const unbounded = await Promise.all(['X', 'Y', 'Z'].map((c) => book('2026-12-12 上午', c)));
    const ok = await Promise.all(unbounded.map((d) => run(clerk, 'slot_booking', d, 'submit')));
    expect(ok.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await counted('2026-12-12 上午')).toEqual({ counter: 3, query: 3 });
    // Opening it for two is refused by the slot's own guard: three are booked already.
    expect((await openSlot('2026-12-12 上午', 2)).status).toBe(422);
  });

  it('holds the capacity with two engines on one store taking the bookings at once', async () => {
    const { clerk } = s();
    const second = await engineOnSameStore();
    const slot = '2026-12-13 上午';
    expect((await openSlot(slot, 4)).status).toBe(200);
    const drafts = await Promise.all(Array.from({ length: 30 }, (_, i) => book(slot, `两台 ${i}`)));
    const viaSecond = (d: Doc) => submitVia(second, clerk, d);
    const statuses = await Promise.all(
      drafts.map(async (d, i) =>
        i % 2 === 0 ? (await run(clerk, 'slot_booking', d, 'submit')).status : (await viaSecond(d)).statusCode,
      ),
    );
    expect(statuses.filter((x) => x === 200)).toHaveLength(4);
    expect(statuses.filter((x) => x === 422)).toHaveLength(26);
    expect(await counted(slot)).toEqual({ counter: 4, query: 4 });
  });

  it('stops bounding and counting once a slot type without the bound is published, and starts afresh when it is back', async () => {
    const { clerk } = s();
    const slot = '2026-12-14 上午';
    expect((await openSlot(slot, 1)).status).toBe(200);
    const first = await book(slot, 'A');
    expect((await run(clerk, 'slot_booking', first, 'submit')).status).toBe(200);
    const unbound = slotDefinition();
    unbound.transitions = unbound.transitions.map(({ guard: _guard, ...t }) => t);
    await publish(unbound);
    const second = await book(slot, 'B');
    expect((await run(clerk, 'slot_booking', second, 'submit')).status).toBe(200);
    expect((await counted(slot)).query).toBe(2);
    // Published with the bound again: the counter is rebuilt from the store, so it knows both.
    await publish(slotDefinition());
    const third = await book(slot, 'C');
    const refused = await run(clerk, 'slot_booking', third, 'submit');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ lookupKey: slot, capacity: 1, current: 2 });
  });

  it('bounds the bookings again on an engine started on a store whose slot type was published before who-counts-whom was kept', async () => {
    const { clerk, t } = s();
    const slot = '2026-12-15 上午';
    expect((await openSlot(slot, 1)).status).toBe(200);
    // A store from before: the slot type is published, but no record says it counts bookings.
    await t.store.collection('lookup_watches').deleteMany({});
    const upgraded = await engineOnSameStore();
    const drafts = await Promise.all(['A', 'B'].map((c) => book(slot, c)));
    const statuses = [];
    for (const d of drafts) statuses.push((await submitVia(upgraded, clerk, d)).statusCode);
    expect(statuses).toEqual([200, 422]);
    expect(await counted(slot)).toEqual({ counter: 1, query: 1 });
  });
});
