// Declared lookups over real HTTP on both stores: a capacity per delivery slot
// that holds under fifty concurrent bookings (the counter's compare-and-set), and a
// department's monthly budget that refuses the claim crossing it and lets one in
// again once an approved claim is cancelled.
import { beforeAll, expect, it } from 'vitest';
import { describeHttp, readRows, type User } from '../spreadsheets/http';
import { bookingDefinition, claimDefinition, departmentDefinition } from './lookup-fixtures';

interface Doc {
  id: string;
  number?: string;
  state: string;
  version: number;
}

const publish = async (admin: User, def: { key: string }) => {
  const res = await admin.json('PUT', `/api/definitions/${def.key}`, def);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};

describeHttp('declared lookups', (s) => {
  beforeAll(async () => {
    const { admin } = s();
    await publish(admin, bookingDefinition());
    await publish(admin, departmentDefinition());
    await publish(admin, claimDefinition());
  });

  const create = async (user: User, type: string, data: Record<string, unknown>): Promise<Doc> => {
    const res = await user.json<Doc>('POST', `/api/documents/${type}`, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const run = (user: User, type: string, doc: Doc, key: string, headers: Record<string, string> = {}) =>
    fetch(`${s().base}/api/documents/${type}/${doc.id}/transitions/${key}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ version: doc.version }),
    });

  it('accepts exactly 5 of 50 concurrent bookings of a slot with capacity 5, refusing the rest with 422 naming slot and capacity', async () => {
    const { clerk } = s();
    const slot = '2026-12-07 上午';
    const drafts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(clerk, 'delivery_booking', { slot, carrier: `车队 ${i}` })),
    );
    const answers = await Promise.all(drafts.map((d) => run(clerk, 'delivery_booking', d, 'submit')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(statuses.filter((x) => x === 422)).toHaveLength(45);
    const refusal = await answers[statuses.indexOf(422)].json();
    expect(refusal).toMatchObject({ code: 'RULE_FAILED', lookup: 'bookings', lookupKey: slot, capacity: 5 });
    expect(refusal.detail).toBe(`送货时段「${slot}」已满：容量 5，已有 5`);

    const { body: booked } = await clerk.json<{ items: Doc[] }>(
      'GET',
      `/api/documents/delivery_booking?state=booked&limit=100`,
    );
    expect(booked.items).toHaveLength(5);

    // Another slot is not affected; in English the refusal reads in English.
    const other = await create(clerk, 'delivery_booking', { slot: '2026-12-07 下午', carrier: 'A' });
    expect((await run(clerk, 'delivery_booking', other, 'submit')).status).toBe(200);
    const late = await create(clerk, 'delivery_booking', { slot, carrier: 'late' });
    const en = await run(clerk, 'delivery_booking', late, 'submit', { 'accept-language': 'en' });
    expect(en.status).toBe(422);
    expect((await en.json()).detail).toBe(`Delivery slot ${slot} is full: capacity 5, 5 taken`);

    // A cancelled booking frees its place (the counter goes down), and only one.
    const first = booked.items[0];
    expect((await run(clerk, 'delivery_booking', first, 'cancel')).status).toBe(200);
    expect((await run(clerk, 'delivery_booking', late, 'submit')).status).toBe(200);
    const again = await create(clerk, 'delivery_booking', { slot, carrier: 'again' });
    expect((await run(clerk, 'delivery_booking', again, 'submit')).status).toBe(422);
  });

  it("refuses the claim that takes the department past this month's budget, and accepts it once an approved claim is cancelled", async () => {
    const { admin, clerk } = s();
    const department = (await create(admin, 'department', { name: '市场部', budget: 1000 })).id;
    const claim = (date: string, amount: number) => create(clerk, 'budget_claim', { department, date, amount });
    const a = await claim('2026-12-02', 600);
    expect((await run(clerk, 'budget_claim', a, 'submit')).status).toBe(200);
    const b = await claim('2026-12-03', 300.1);
    expect((await run(clerk, 'budget_claim', b, 'submit')).status).toBe(200);
    // Last month's claims count against last month's budget only.
    const old = await claim('2026-11-30', 900);
    expect((await run(clerk, 'budget_claim', old, 'submit')).status).toBe(200);

    const c = await claim('2026-12-04', 100);
    const refused = await run(clerk, 'budget_claim', c, 'submit');
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.values).toMatchObject({ 'lookup.approvedThisMonth': 900.1, 'data.amount': 100 });
    expect(body.detail).toBe('超出部门本月预算：预算 1,000.00，本月已批准 900.10，本单 100.00');
    expect((await clerk.json<Doc>('GET', `/api/documents/budget_claim/${c.id}`)).body.state).toBe('draft');

    const fits = await claim('2026-12-05', 99.9);
    expect((await run(clerk, 'budget_claim', fits, 'submit')).status).toBe(200);
    const cancelled = await clerk.json<Doc>('GET', `/api/documents/budget_claim/${b.id}`);
    expect((await run(clerk, 'budget_claim', cancelled.body, 'cancel')).status).toBe(200);
    expect((await run(clerk, 'budget_claim', c, 'submit')).status).toBe(200);
  });

  it("prints and exports a labelled option as its label in the caller's language, not its stored value", async () => {
    const { admin, clerk } = s();
    const department = (await create(admin, 'department', { name: '行政部', budget: 5000 })).id;
    const doc = await create(clerk, 'budget_claim', { department, date: '2026-12-08', amount: 50, category: 'travel' });
    const print = async (lang: string) =>
      (await clerk.get(`/api/documents/budget_claim/${doc.id}/print/slip`, { 'accept-language': lang })).text();
    expect(await print('zh-CN')).toContain('<p class="category">差旅</p><p class="raw">travel</p>');
    expect(await print('en')).toContain('<p class="category">Travel</p>');

    const file = await (await clerk.get(`/api/documents/budget_claim/export?number=${doc.number}`)).arrayBuffer();
    const [header, row] = await readRows(file);
    expect(row[header.indexOf('类别')]).toBe('差旅');
  });
});
