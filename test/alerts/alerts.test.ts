// Alerts: low stock raised right after the crossing move (not at the next scan)
// and resolved when stock comes back; with a fake clock, an expiring batch
// raised N days ahead and an overdue delivery raised the day after its date,
// each once per episode, and told to the inboxes of the roles concerned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueStock, receiveStock } from '../../engine/inventory/operations';
import { LOW_STOCK_SCAN_JOB } from '../../engine/replenishment/index';
import { apiFor, type Api } from '../reports/seed';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { fakeClock, type FakeClock } from '../support/clock';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('alerts', () => {
  let t: TestApp;
  let admin: Api;
  let keeper: Api;
  let clock: FakeClock;
  let warehouse: string;
  // The engine's own job handler, run at the fake clock's time.
  const scan = async (name: string) => {
    const handler = t.app.engine.jobs.get('alerts', name);
    if (!handler) throw new Error(`no alerts job ${name}`);
    return handler(
      { id: `t-${name}`, name, data: {}, attempt: 1, updateProgress: async () => undefined },
      t.app.engine,
    );
  };

  beforeAll(async () => {
    clock = fakeClock('2026-03-02T08:00:00.000Z');
    // Tokens outlive the simulated weeks.
    t = await buildTestApp({ auth: { now: clock.now, accessTokenTtlSec: 365 * 24 * 3600 } });
    const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    admin = apiFor(t.app, adminToken);
    await createUser(t.app, adminToken, {
      username: 'keeper.a',
      password: 'Tq9-Alerts#Lm2026',
      roles: ['warehouse_keeper'],
    });
    keeper = apiFor(t.app, await login(t.app, 'keeper.a', 'Tq9-Alerts#Lm2026'));
    warehouse = (await admin.call('POST', '/api/documents/warehouse', { data: { code: 'W01', name: '上海总仓' } })).body
      .id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('raises low stock right after the move that crosses the reorder point, once, and resolves it', async () => {
    await t.app.queue.removeRepeat('alerts', LOW_STOCK_SCAN_JOB);
    const product = (
      await admin.call('POST', '/api/documents/product', {
        data: { sku: 'FR-9', name: '镜架九号', unit: '副', price: 10, reorderPoint: 50 },
      })
    ).body.id;
    await receiveStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'low-in-1',
      ref: { type: 'test', id: '1' },
      warehouse,
      lines: [{ product, qty: 100 }],
    });
    await issueStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'low-out-1',
      ref: { type: 'test', id: '2' },
      warehouse,
      lines: [{ product, qty: 60 }],
    });
    // Only the per-move check may raise it: the periodic scan (every 60 s, on the real
    // clock) is taken off the queue for this test, so the wait can be as long as a
    // busy CI machine needs without the scan coming round in the meantime.
    const raised = await until('the low-stock alert', async () => {
      const items = (await admin.call('GET', '/api/alerts?kind=low_stock')).body.items.filter(
        (a: any) => a.subject.id === product,
      );
      return items.length > 0 ? items : undefined;
    });
    expect(raised).toHaveLength(1);
    expect(raised[0].message['zh-CN']).toContain('镜架九号');
    await scan(LOW_STOCK_SCAN_JOB);
    expect(
      (await admin.call('GET', '/api/alerts?kind=low_stock')).body.items.filter((a: any) => a.subject.id === product),
    ).toHaveLength(1);
    const inbox = (await keeper.call('GET', '/api/notifications')).body.items.filter(
      (n: any) => n.kind === 'alert.low_stock',
    );
    expect(inbox).toHaveLength(1);

    await receiveStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'low-in-2',
      ref: { type: 'test', id: '3' },
      warehouse,
      lines: [{ product, qty: 100 }],
    });
    const resolved = await until('the resolution', async () => {
      const items = (await admin.call('GET', '/api/alerts?kind=low_stock&status=resolved')).body.items.filter(
        (a: any) => a.subject.id === product,
      );
      return items.length > 0 ? items : undefined;
    });
    expect(resolved[0].id).toBe(raised[0].id);
  });

  it('raises an expiring batch 30 days ahead (the default), not before, and only once', async () => {
    const product = (
      await admin.call('POST', '/api/documents/product', {
        data: { sku: 'LS-9', name: '隐形眼镜护理液', unit: '瓶', price: 30, tracksBatches: true },
      })
    ).body.id;
    await receiveStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'exp-in',
      ref: { type: 'test', id: '4' },
      warehouse,
      lines: [{ product, qty: 12, batch: 'B2026', expiry: '2026-04-15' }],
    });
    clock.advance(13 * 86_400_000); // 2026-03-15: 31 days ahead
    expect(await scan('expiry-scan')).toMatchObject({ raised: 0, open: 0 });
    clock.advance(86_400_000); // 2026-03-16: 30 days ahead
    expect(await scan('expiry-scan')).toMatchObject({ raised: 1, open: 1 });
    expect(await scan('expiry-scan')).toMatchObject({ raised: 0, open: 1 });
    const open = (await admin.call('GET', '/api/alerts?kind=batch_expiring')).body.items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ details: { batch: 'B2026', expiry: '2026-04-15', onHand: 12 } });
    expect(
      (await keeper.call('GET', '/api/notifications')).body.items.filter((n: any) => n.kind === 'alert.batch_expiring'),
    ).toHaveLength(1);

    await issueStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'exp-out',
      ref: { type: 'test', id: '5' },
      warehouse,
      lines: [{ product, qty: 12, batch: 'B2026' }],
    });
    expect(await scan('expiry-scan')).toMatchObject({ open: 0, resolved: 1 });
  });

  it('raises an overdue delivery the day after its date and resolves it once shipped', async () => {
    const customer = (
      await admin.call('POST', '/api/documents/customer', {
        data: { code: 'C9', name: '宁波眼镜城', creditLevel: 'A', creditLimit: 1_000_000 },
      })
    ).body.id;
    const product = (
      await admin.call('POST', '/api/documents/product', {
        data: { sku: 'FR-10', name: '板材镜架', unit: '副', price: 20 },
      })
    ).body.id;
    await receiveStock({
      store: t.store,
      outbound: t.app.engine.outbound,
      key: 'od-in',
      ref: { type: 'test', id: '6' },
      warehouse,
      lines: [{ product, qty: 10 }],
    });
    const created = (
      await admin.call('POST', '/api/documents/sales_order', {
        data: {
          customer,
          warehouse,
          orderDate: '2026-03-01',
          deliveryDate: '2026-03-20',
          lines: [{ product, qty: 2, price: 20 }],
        },
      })
    ).body;
    const order = (
      await admin.call('POST', `/api/documents/sales_order/${created.id}/transitions/submit`, {
        version: created.version,
      })
    ).body;
    expect(order.state).toBe('approved');
    clock.advance(Date.parse('2026-03-20T08:00:00Z') - clock.now().getTime());
    expect(await scan('overdue-scan')).toMatchObject({ raised: 0, open: 0 });
    clock.advance(86_400_000);
    expect(await scan('overdue-scan')).toMatchObject({ raised: 1, open: 1 });
    expect(await scan('overdue-scan')).toMatchObject({ raised: 0, open: 1 });
    const [alert] = (await admin.call('GET', '/api/alerts?kind=delivery_overdue')).body.items;
    expect(alert).toMatchObject({ subject: { type: 'sales_order', id: order.id, label: order.number } });
    expect(
      (await admin.call('GET', '/api/notifications')).body.items.some(
        (n: any) => n.kind === 'alert.delivery_overdue' && n.subject?.id === order.id,
      ),
    ).toBe(true);

    const shipped = await admin.call('POST', `/api/documents/sales_order/${order.id}/transitions/ship`, {
      version: order.version,
    });
    expect(shipped.status).toBe(200);
    expect(await scan('overdue-scan')).toMatchObject({ open: 0, resolved: 1 });
  });
});
