// Every path that changes a counted document keeps its lookup counter exact, on
// both stores: an edit that moves a booking to another slot (frees a place in the
// old one, takes one in the new, refused like the booking itself when the new one
// is full), and an import straight into a counted state (it takes its places, so
// the capacity still refuses afterwards).
import { beforeAll, expect, it } from 'vitest';
import { COUNTERS_COLLECTION } from '../../engine/documents/index';
import { describeHttp, upload, workbook, type User } from '../spreadsheets/http';
import { bookingDefinition } from './lookup-fixtures';

interface Doc {
  id: string;
  number?: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
}

/** A booking that stays editable once booked, two places per slot. */
function editableBooking() {
  const def = bookingDefinition();
  return {
    ...def,
    key: 'edit_booking',
    numbering: { pattern: 'EB-{seq:5}' },
    states: def.states.map((s) => (s.key === 'booked' ? { ...s, editable: true } : s)),
    // A note asked for once the slot is nearly full: a show-when rule reading a lookup.
    schema: {
      ...def.schema,
      properties: { ...(def.schema.properties as object), waitNote: { type: 'string', title: '候补说明' } },
    },
    uiSchema: { waitNote: { 'ui:options': { visibleWhen: { '>=': [{ var: 'lookup.bookings' }, 1] } } } },
    transitions: def.transitions.map((t) =>
      t.key === 'submit' ? { ...t, guard: { logic: { '<': [{ var: 'lookup.bookings' }, 2] } } } : t,
    ),
    lookups: def.lookups?.map((l) => ({ ...l, type: 'edit_booking' })),
  };
}

/** A walk-in booking is booked as soon as it exists (a counted first state); a cancelled one may be reinstated. */
function walkInBooking() {
  const def = bookingDefinition();
  return {
    ...def,
    key: 'walkin_booking',
    numbering: { pattern: 'WB-{seq:5}' },
    states: def.states.filter((s) => s.key !== 'draft'),
    initialState: 'booked',
    transitions: [
      ...def.transitions.filter((t) => t.key !== 'submit'),
      {
        key: 'reinstate',
        from: ['cancelled'],
        to: 'booked',
        label: { 'zh-CN': '恢复', en: 'Reinstate' },
        roles: ['sales_clerk', 'admin'],
        guard: { logic: { '<': [{ var: 'lookup.bookings' }, 5] } },
      },
    ],
    permissions: {
      sales_clerk: { create: true, read: true, update: true, transitions: ['arrive', 'cancel', 'reinstate'] },
    },
    lookups: def.lookups?.map((l) => ({ ...l, type: 'walkin_booking' })),
  };
}

/** A booking a manager approves: the request waits uncounted, the approval books it (two places per slot). */
function approvedBooking() {
  const def = bookingDefinition();
  return {
    ...def,
    key: 'approved_booking',
    numbering: { pattern: 'AB-{seq:5}' },
    states: [
      ...def.states,
      {
        key: 'pending',
        label: { 'zh-CN': '待审批', en: 'Pending' },
        color: 'orange',
        editable: false,
        terminal: false,
      },
    ],
    transitions: def.transitions.map((t) =>
      t.key === 'submit'
        ? {
            ...t,
            guard: { logic: { '<': [{ var: 'lookup.bookings' }, 2] } },
            approval: {
              pendingState: 'pending',
              rejectTo: 'draft',
              levels: [
                {
                  key: 'manager',
                  label: { 'zh-CN': '经理审批', en: 'Manager approval' },
                  approvers: { roles: ['sales_manager'] },
                  mode: 'any',
                },
              ],
            },
          }
        : t,
    ),
    permissions: {
      ...def.permissions,
      sales_manager: { read: true },
    },
    lookups: def.lookups?.map((l) => ({ ...l, type: 'approved_booking' })),
  };
}

describeHttp('lookup counters on every path', (s) => {
  beforeAll(async () => {
    for (const def of [editableBooking(), walkInBooking(), approvedBooking()]) {
      const res = await s().admin.json('PUT', `/api/definitions/${def.key}`, def);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  const create = async (user: User, type: string, data: Record<string, unknown>): Promise<Doc> => {
    const res = await user.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const run = (user: User, type: string, doc: Doc, key: string) =>
    user.json<Doc & Record<string, unknown>>('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, {
      version: doc.version,
    });
  /** What the counters hold, by slot (the figure a guard is checked against). */
  const counted = async (type: string): Promise<Record<string, number>> => {
    const rows = await s()
      .t.store.collection<{ _id: string; key: string[]; value: number }>(COUNTERS_COLLECTION)
      .find({ type });
    return Object.fromEntries(rows.map((r) => [r.key[0], r.value]));
  };

  it('moves a booking edited to another slot: the old slot frees a place, the new one takes it, a full one refuses', async () => {
    const { clerk } = s();
    const book = async (slot: string) => {
      const res = await run(
        clerk,
        'edit_booking',
        await create(clerk, 'edit_booking', { slot, carrier: slot }),
        'submit',
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const a = await book('周一上午');
    await book('周一上午');
    const c = await book('周一下午');
    expect(await counted('edit_booking')).toEqual({ 周一上午: 2, 周一下午: 1 });

    // Into a full slot: refused as the booking would be, in the caller's language, nothing changed.
    const full = await clerk.json<Record<string, unknown>>('PATCH', `/api/documents/edit_booking/${c.id}`, {
      version: c.version,
      data: { slot: '周一上午' },
    });
    expect(full.status).toBe(422);
    expect(full.body).toMatchObject({ code: 'RULE_FAILED', lookup: 'bookings', lookupKey: '周一上午', capacity: 2 });
    expect(full.body.detail).toBe('送货时段「周一上午」已满：容量 2，已有 2');
    expect(await counted('edit_booking')).toEqual({ 周一上午: 2, 周一下午: 1 });

    // Out of the full slot: it frees a place there and takes one in the other.
    const moved = await clerk.json<Doc>('PATCH', `/api/documents/edit_booking/${a.id}`, {
      version: a.version,
      data: { slot: '周一下午' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await counted('edit_booking')).toEqual({ 周一上午: 1, 周一下午: 2 });
    // An edit that keeps the slot moves nothing.
    const carrier = await clerk.json<Doc>('PATCH', `/api/documents/edit_booking/${a.id}`, {
      version: moved.body.version,
      data: { carrier: '顺丰' },
    });
    expect(carrier.status).toBe(200);
    expect(await counted('edit_booking')).toEqual({ 周一上午: 1, 周一下午: 2 });

    // The freed place is taken by the next booking, and then the slot is full again.
    await book('周一上午');
    const late = await create(clerk, 'edit_booking', { slot: '周一上午', carrier: 'late' });
    expect((await run(clerk, 'edit_booking', late, 'submit')).status).toBe(422);
    const back = await clerk.json<Doc>('PATCH', `/api/documents/edit_booking/${a.id}`, {
      version: carrier.body.version,
      data: { slot: '周一上午' },
    });
    expect(back.status).toBe(422);
    expect(await counted('edit_booking')).toEqual({ 周一上午: 2, 周一下午: 2 });
  });

  it('counts documents imported straight into a counted state, so the capacity still refuses', async () => {
    const { clerk } = s();
    const slot = '周二上午';
    // Two bookings made and cancelled: the slot's counter exists (and stands at 0) before the import.
    const cancelled: Doc[] = [];
    for (const carrier of ['甲', '乙']) {
      const doc = await create(clerk, 'walkin_booking', { slot, carrier });
      expect(doc.state).toBe('booked');
      cancelled.push((await run(clerk, 'walkin_booking', doc, 'cancel')).body);
    }
    expect(await counted('walkin_booking')).toEqual({ [slot]: 0 });

    const file = await workbook([['时段', '承运人'], ...['丙', '丁', '戊', '己'].map((c) => [slot, c])]);
    const res = await upload(clerk, 'walkin_booking', file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ imported: 4, errors: [] });
    expect(await counted('walkin_booking')).toEqual({ [slot]: 4 });

    // Room for one more: the first reinstated booking takes it, the second is refused.
    expect((await run(clerk, 'walkin_booking', cancelled[0], 'reinstate')).status).toBe(200);
    const refused = await run(clerk, 'walkin_booking', cancelled[1], 'reinstate');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ lookup: 'bookings', lookupKey: slot, capacity: 5, current: 5 });
    expect(await counted('walkin_booking')).toEqual({ [slot]: 5 });
  });

  it('counts twelve walk-in bookings created into one slot at once exactly once each, leaving no marker behind', async () => {
    const { clerk } = s();
    const slot = '周五上午';
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) => create(clerk, 'walkin_booking', { slot, carrier: `车队${i}` })),
    );
    expect(new Set(made.map((d) => d.number)).size).toBe(12);
    expect((await counted('walkin_booking'))[slot]).toBe(12);
    const rows = await s()
      .t.store.collection<{ _id: string; key: string[]; applied: Record<string, number> }>(COUNTERS_COLLECTION)
      .find({ type: 'walkin_booking' });
    expect(rows.find((r) => r.key[0] === slot)?.applied).toEqual({});
  });

  it("answers the lookups the form's show-when rules read, for a draft or an edited document, to readers only", async () => {
    const { clerk } = s();
    const draft = (data: Record<string, unknown>, id?: string) =>
      clerk.json<Record<string, unknown>>('POST', '/api/documents/edit_booking/lookups', {
        data,
        ...(id ? { id } : {}),
      });
    expect(await draft({ slot: '周三上午' })).toEqual({ status: 200, body: { lookup: { bookings: 0 } } });
    const doc = await create(clerk, 'edit_booking', { slot: '周三上午', carrier: '甲' });
    const booked = (await run(clerk, 'edit_booking', doc, 'submit')).body;
    expect((await draft({ slot: '周三上午' })).body).toEqual({ lookup: { bookings: 1 } });
    // The booking being edited does not count itself.
    expect((await draft({ slot: '周三上午' }, booked.id)).body).toEqual({ lookup: { bookings: 0 } });
    // A value that is not a plain scalar finds nothing, never an operator.
    expect((await draft({ slot: { $ne: 'x' } })).body).toEqual({ lookup: { bookings: 0 } });
    const bad = await clerk.json<Record<string, unknown>>('POST', '/api/documents/edit_booking/lookups', { data: 1 });
    expect(bad.status).toBe(400);
    // A type whose forms read no lookup answers none; one the caller may not read is refused.
    expect((await clerk.json('POST', '/api/documents/walkin_booking/lookups', { data: { slot: 'x' } })).body).toEqual({
      lookup: {},
    });
    const denied = await s().manager.json('POST', '/api/documents/edit_booking/lookups', {
      data: { slot: '周三上午' },
    });
    expect(denied.status).toBe(403);
  });

  it('bounds the final approval that books a slot: the approval past capacity is refused and counts nothing', async () => {
    const { clerk, manager } = s();
    const slot = '周四上午';
    const requested: Doc[] = [];
    // Three requests pass the guard while none is booked yet: each waits for the manager.
    for (let i = 0; i < 3; i++) {
      const res = await run(
        clerk,
        'approved_booking',
        await create(clerk, 'approved_booking', { slot, carrier: `${i}` }),
        'submit',
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.state).toBe('pending');
      requested.push(res.body);
    }
    const approve = async (doc: Doc, language: string) => {
      const res = await manager.post(`/api/documents/approved_booking/${doc.id}/approve`, '{}', {
        'content-type': 'application/json',
        'accept-language': language,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await approve(requested[0], 'zh-CN')).body.state).toBe('booked');
    expect((await approve(requested[1], 'zh-CN')).body.state).toBe('booked');
    const third = await approve(requested[2], 'en');
    expect(third.status).toBe(422);
    expect(third.body).toMatchObject({ code: 'RULE_FAILED', lookup: 'bookings', lookupKey: slot, capacity: 2 });
    expect(third.body.detail).toBe('Delivery slot 周四上午 is full: capacity 2, 2 taken');
    expect(await counted('approved_booking')).toEqual({ [slot]: 2 });
    const after = await clerk.json<Doc>('GET', `/api/documents/approved_booking/${requested[2].id}`);
    expect([after.body.state, after.body.version]).toEqual(['pending', requested[2].version]);
  });
});
