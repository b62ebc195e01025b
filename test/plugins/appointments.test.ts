import { expect, it } from 'vitest';
import { createDoc, transition } from './support';
import { describeShop } from './eyewear-harness';

describeShop('eye-exam appointments (验光预约)', (shop) => {
  const draft = (slot: string, optometrist = '王医生') =>
    createDoc(shop().assistant, 'eye_exam_appointment', { customer: shop().customer.id, optometrist, slot });

  it("refuses a second booking of an optometrist's slot, naming the slot, and frees it on cancellation", async () => {
    const s = shop();
    const first = await transition(s.assistant, 'eye_exam_appointment', await draft('2026-12-06T10:00'), 'book');
    expect(first.state).toBe('booked');
    const second = await draft('2026-12-06T10:00');
    const res = await s.assistant.req('POST', `/api/documents/eye_exam_appointment/${second.id}/transitions/book`, {
      version: second.version,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: '/slot', message: expect.stringContaining('2026-12-06T10:00') }),
    ]);
    expect((await s.assistant.req('GET', `/api/documents/eye_exam_appointment/${second.id}`)).json().state).toBe(
      'draft',
    );

    // Another optometrist's same slot is free.
    await transition(s.assistant, 'eye_exam_appointment', await draft('2026-12-06T10:00', '李医生'), 'book');

    await transition(s.assistant, 'eye_exam_appointment', first, 'cancel', { reason: '顾客改期' });
    const fresh = (await s.assistant.req('GET', `/api/documents/eye_exam_appointment/${second.id}`)).json();
    expect((await transition(s.assistant, 'eye_exam_appointment', fresh, 'book')).state).toBe('booked');
  });

  it('books one of two concurrent requests for the same slot', async () => {
    const s = shop();
    const [a, b] = [await draft('2026-12-07T15:00'), await draft('2026-12-07T15:00')];
    const results = await Promise.all(
      [a, b].map((d) =>
        s.assistant.req('POST', `/api/documents/eye_exam_appointment/${d.id}/transitions/book`, { version: d.version }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const losers = results.filter((r) => r.statusCode !== 200);
    expect(losers).toHaveLength(1);
    expect(losers[0].json().errors[0].path).toBe('/slot');
  });

  it('runs booked → arrived → done', async () => {
    const s = shop();
    let appt = await transition(s.assistant, 'eye_exam_appointment', await draft('2026-12-08T09:30'), 'book');
    appt = await transition(s.assistant, 'eye_exam_appointment', appt, 'arrive');
    appt = await transition(s.optometrist, 'eye_exam_appointment', appt, 'finish');
    expect(appt.state).toBe('done');
  });
});
