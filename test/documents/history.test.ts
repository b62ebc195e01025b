import { beforeAll, expect, it } from 'vitest';
import { documentsCollection, type DocumentRecord } from '../../engine/documents/document-record';
import { dataDiff, eventId, insertDocumentWithEvent, type EventRecord } from '../../engine/documents/events';
import { newId } from '../../engine/store/ids';
import { createDoc, describeApi, orderData, stockUp } from './harness';

describeApi('history and asOf', (h) => {
  // Submitting reserves stock before the order is approved.
  beforeAll(() => stockUp(h()));

  it('lists every change in order with actor, states and a JSON Patch diff', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }], { remark: 'v1' }));
    await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, { version: 1, data: { remark: 'v2' } });
    await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 2,
      data: { lines: [{ product: h().product.id, qty: 2, price: 10 }] },
    });
    await h().clerk.req('POST', `/api/documents/sales_order/${doc.id}/transitions/cancel`, {
      version: 3,
      reason: '客户改单',
      comment: 'see call',
    });
    const res = await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/history`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((e: { seq: number; kind: string }) => [e.seq, e.kind])).toEqual([
      [1, 'created'],
      [2, 'updated'],
      [3, 'updated'],
      [4, 'transition'],
    ]);
    expect(items[0]).toMatchObject({
      from: null,
      to: 'draft',
      actor: { id: h().clerk.user.id, username: 'clerk.one' },
    });
    expect(items[1].diff).toEqual([{ op: 'replace', path: '/remark', value: 'v2' }]);
    expect(items[2].diff).toEqual(expect.arrayContaining([{ op: 'replace', path: '/total', value: 20 }]));
    expect(items[3]).toMatchObject({
      transition: 'cancel',
      from: 'draft',
      to: 'cancelled',
      reason: '客户改单',
      comment: 'see call',
    });
  });

  it('shows the document as it was after a given event', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }], { remark: 'one' }));
    await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'two', lines: [{ product: h().product.id, qty: 5, price: 10 }] },
    });
    await h().clerk.req('POST', `/api/documents/sales_order/${doc.id}/transitions/submit`, { version: 2 });
    const first = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}?asOf=1`)).json();
    expect(first).toMatchObject({ version: 1, state: 'draft', number: doc.number, data: { remark: 'one', total: 10 } });
    const second = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}?asOf=2`)).json();
    expect(second).toMatchObject({ version: 2, state: 'draft', data: { remark: 'two', total: 50 } });
    const third = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}?asOf=3`)).json();
    expect(third).toMatchObject({
      version: 3,
      state: 'approved',
      approval: { transition: 'submit', status: 'approved' },
    });
    expect(second.approval).toBeNull();
    expect((await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}?asOf=4`)).statusCode).toBe(404);
    expect((await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}?asOf=abc`)).statusCode).toBe(400);
  });

  it('stores a new document with its created event, nothing left pending', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const stored = await documentsCollection(h().t.store, 'sales_order').findById(doc.id);
    expect(stored).not.toBeNull();
    expect(stored?.pendingEvent).toBeUndefined();
    const events = await h().t.store.collection<EventRecord>('events').find({ docId: doc.id });
    expect(events.map((e) => [e._id, e.kind, e.seq])).toEqual([[eventId(doc.id, 1), 'created', 1]]);
  });

  it('stores a new document whose created event is already there (an id used again) and keeps that event', async () => {
    const { store } = h().t;
    const id = newId();
    const at = new Date();
    const event: EventRecord = {
      _id: eventId(id, 1),
      docId: id,
      type: 'sales_order',
      seq: 1,
      kind: 'created',
      actor: { id: 'u1', username: 'earlier' },
      at,
      from: null,
      to: 'draft',
      diff: [],
      effects: [{ name: 'webhook.fanout', options: {} }],
    };
    await store.collection<EventRecord>('events').insertOne(event);
    const record: DocumentRecord = {
      _id: id,
      type: 'sales_order',
      definitionVersion: 1,
      number: `REUSED-${id}`,
      state: 'draft',
      data: {},
      version: 1,
      approval: null,
      createdBy: 'u2',
      createdAt: at,
      updatedBy: 'u2',
      updatedAt: at,
      pendingEvent: { ...event, actor: { id: 'u2', username: 'again' } },
    };
    const stored = await insertDocumentWithEvent(store, record);
    expect(stored.pendingEvent).toBeUndefined();
    expect((await documentsCollection(store, 'sales_order').findById(id))?.number).toBe(`REUSED-${id}`);
    const events = await store.collection<EventRecord>('events').find({ docId: id });
    expect(events.map((e) => e.actor.username)).toEqual(['earlier']);
    expect(await store.collection('outbox').count({ docId: id })).toBe(1);
  });

  it('writes a change with its event and outbox entries, nothing left pending', async () => {
    const doc = await createDoc(h().clerk, 'sales_order', orderData(h(), [{ qty: 1, price: 10 }]));
    const submitted = await h().clerk.req('POST', `/api/documents/sales_order/${doc.id}/transitions/submit`, {
      version: 1,
    });
    expect(submitted.statusCode).toBe(200);
    const stored = await documentsCollection(h().t.store, 'sales_order').findById(doc.id);
    expect(stored).toMatchObject({ version: 2, state: submitted.json().state });
    expect(stored?.pendingEvent).toBeUndefined();
    const events = await h()
      .t.store.collection<EventRecord>('events')
      .find({ docId: doc.id }, { sort: { seq: 1 } });
    expect(events.map((e) => [e.seq, e.kind, e.transition ?? null])).toEqual([
      [1, 'created', null],
      [2, 'transition', 'submit'],
    ]);
    const outbox = await h()
      .t.store.collection('outbox')
      .find({ eventId: eventId(doc.id, 2) });
    expect(outbox.map((o) => o.effect).sort()).toEqual(events[1].effects.map((e) => e.name).sort());
  });

  it('writes a change whose event id is already taken (a write that never finished) and keeps that event', async () => {
    const doc = await createDoc(
      h().clerk,
      'sales_order',
      orderData(h(), [{ qty: 1, price: 10 }], { remark: 'before' }),
    );
    const earlier = { _id: eventId(doc.id, 2), docId: doc.id, type: 'sales_order', seq: 2, kind: 'updated' };
    await h().t.store.collection('events').insertOne(earlier);
    const next = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 1,
      data: { remark: 'after' },
    });
    expect(next.statusCode).toBe(200);
    const stored = await documentsCollection(h().t.store, 'sales_order').findById(doc.id);
    expect(stored).toMatchObject({ version: 2, data: { remark: 'after' } });
    expect(stored?.pendingEvent).toBeUndefined();
    expect(await h().t.store.collection('events').findById(eventId(doc.id, 2))).toEqual(earlier);
  });

  it('recovers the event of a write interrupted before its event was copied out', async () => {
    const doc = await createDoc(
      h().clerk,
      'sales_order',
      orderData(h(), [{ qty: 1, price: 10 }], { remark: 'before' }),
    );
    // What a crash right after the atomic document update leaves behind: the change
    // and its event in the document, nothing in `events` yet.
    const docs = documentsCollection(h().t.store, 'sales_order');
    const stored = await docs.findById(doc.id);
    if (!stored) throw new Error('missing');
    const data = { ...stored.data, remark: 'after' };
    const event: EventRecord = {
      _id: eventId(doc.id, 2),
      docId: doc.id,
      type: 'sales_order',
      seq: 2,
      kind: 'updated',
      actor: { id: h().clerk.user.id, username: 'clerk.one' },
      at: new Date(),
      from: 'draft',
      to: 'draft',
      diff: dataDiff(stored.data, data),
      effects: [],
    };
    expect(await docs.updateOne({ _id: doc.id, version: 1 }, { $set: { data, version: 2, pendingEvent: event } })).toBe(
      true,
    );
    expect(await h().t.store.collection('events').count({ docId: doc.id })).toBe(1);

    // The next write copies the leftover event before adding its own.
    const next = await h().clerk.req('PATCH', `/api/documents/sales_order/${doc.id}`, {
      version: 2,
      data: { remark: 'third' },
    });
    expect(next.statusCode).toBe(200);
    const items = (await h().clerk.req('GET', `/api/documents/sales_order/${doc.id}/history`)).json().items;
    expect(items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    expect(items[1].diff).toEqual([{ op: 'replace', path: '/remark', value: 'after' }]);
    expect((await docs.findById(doc.id))?.pendingEvent).toBeUndefined();
  });
});
