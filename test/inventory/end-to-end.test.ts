// The whole 进销存 flow over real HTTP, on the embedded store and on the
// MongoDB-compatible server of the test set-up (never skipped under CI=true):
// requisition → purchase order (approved by the purchase manager) → goods
// receipt with inspection → close short → sales order (approved) → ship
// (delivery) → transfer → stocktake. After every step the ledger's running
// balance and before/after chain agree with the levels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { backends } from '../documents/harness';

interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

interface Http {
  userId: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

interface Doc {
  id: string;
  number: string;
  state: string;
  version: number;
  data: Record<string, unknown>;
}

interface Quantities {
  onHand: number;
  reserved: number;
  incoming: number;
  available: number;
}

interface Level extends Quantities {
  product: string;
  warehouse: string;
  batch?: string;
  projected: number;
}

interface Move {
  kind: string;
  warehouse: string;
  batch?: string;
  delta: Quantities;
  before: Quantities;
  after: Quantities;
  balance: number;
  ref: { type: string; id: string };
}

function http(baseUrl: string, token: string, userId: string): Http {
  return {
    userId,
    async call<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

async function create(c: Http, type: string, data: Record<string, unknown>): Promise<Doc> {
  const res = await c.call<Doc>('POST', `/api/documents/${type}`, { data });
  if (res.status !== 201) throw new Error(`create ${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function transition(
  c: Http,
  type: string,
  doc: Doc,
  key: string,
  extra: Record<string, unknown> = {},
): Promise<Doc> {
  const res = await c.call<Doc>('POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, {
    version: doc.version,
    ...extra,
  });
  if (res.status !== 200) throw new Error(`${type} ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function approve(c: Http, type: string, doc: Doc): Promise<Doc> {
  const res = await c.call<Doc>('POST', `/api/documents/${type}/${doc.id}/approve`, { comment: '同意' });
  if (res.status !== 200) throw new Error(`approve ${type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const pick = (q: Quantities) => ({ onHand: q.onHand, reserved: q.reserved, incoming: q.incoming });

for (const backend of backends()) {
  describe(`end to end over HTTP [${backend.name}]`, () => {
    let t: TestApp;
    let as: Record<'admin' | 'buyer' | 'buyerBoss' | 'keeper' | 'clerk' | 'salesBoss', Http>;
    let main: Doc;
    let branch: Doc;
    let supplier: Doc;
    let customer: Doc;
    let frame: Doc;

    async function levelOf(warehouse: Doc): Promise<Level> {
      const res = await as.keeper.call<Level[]>(
        'GET',
        `/api/inventory/levels?product=${frame.id}&warehouse=${warehouse.id}`,
      );
      expect(res.status).toBe(200);
      const rows = res.body;
      const sum = (f: keyof Quantities | 'projected') => rows.reduce((s, r) => s + r[f], 0);
      return {
        product: frame.id,
        warehouse: warehouse.id,
        onHand: sum('onHand'),
        reserved: sum('reserved'),
        incoming: sum('incoming'),
        available: sum('available'),
        projected: sum('projected'),
      };
    }

    /** Running balance and before/after chain of the ledger equal the levels, per warehouse and overall. */
    async function expectLedgerMatchesLevels(): Promise<void> {
      let total = 0;
      for (const warehouse of [main, branch]) {
        const levels = (
          await as.keeper.call<Level[]>('GET', `/api/inventory/levels?product=${frame.id}&warehouse=${warehouse.id}`)
        ).body;
        const ledger = (
          await as.keeper.call<Move[]>('GET', `/api/inventory/ledger?product=${frame.id}&warehouse=${warehouse.id}`)
        ).body;
        const onHand = levels.reduce((s, l) => s + l.onHand, 0);
        total += onHand;
        expect(ledger.length === 0 ? 0 : ledger[ledger.length - 1].balance).toBe(onHand);
        const last = new Map<string, ReturnType<typeof pick>>();
        for (const move of ledger) {
          const batch = move.batch ?? '';
          expect(pick(move.before)).toEqual(last.get(batch) ?? { onHand: 0, reserved: 0, incoming: 0 });
          expect(pick(move.after)).toEqual({
            onHand: move.before.onHand + move.delta.onHand,
            reserved: move.before.reserved + move.delta.reserved,
            incoming: move.before.incoming + move.delta.incoming,
          });
          last.set(batch, pick(move.after));
        }
        for (const level of levels) {
          expect(pick(level)).toEqual(last.get(level.batch ?? '') ?? { onHand: 0, reserved: 0, incoming: 0 });
          expect(level.available).toBe(level.onHand - level.reserved);
          expect(level.projected).toBe(level.available + level.incoming);
        }
      }
      const all = (await as.keeper.call<Move[]>('GET', `/api/inventory/ledger?product=${frame.id}`)).body;
      expect(all.length === 0 ? 0 : all[all.length - 1].balance).toBe(total);
    }

    beforeAll(async () => {
      t = await buildTestApp({ mongoUri: backend.mongoUri });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      if (!address || typeof address === 'string') throw new Error('the test engine is not listening');
      const baseUrl = `http://127.0.0.1:${address.port}`;
      const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
      const user = async (username: string, roles: string[]): Promise<Http> => {
        const password = `Tq9-${username.length}-Wx7#Lm2026`;
        const created = await createUser(t.app, adminToken, { username, password, roles });
        return http(baseUrl, await login(t.app, username, password), created.id);
      };
      as = {
        admin: http(baseUrl, adminToken, 'admin'),
        buyer: await user('e2e.buyer', ['purchaser']),
        buyerBoss: await user('e2e.buyer.boss', ['purchase_manager']),
        keeper: await user('e2e.keeper', ['warehouse_keeper']),
        clerk: await user('e2e.clerk', ['sales_clerk']),
        salesBoss: await user('e2e.sales.boss', ['sales_manager']),
      };
      main = await create(as.admin, 'warehouse', { code: 'SH01', name: '上海总仓' });
      branch = await create(as.admin, 'warehouse', { code: 'HZ01', name: '杭州门店仓' });
      supplier = await create(as.admin, 'supplier', {
        code: 'S001',
        name: '丹阳市光学眼镜厂',
        contact: '王经理',
        phone: '0511-86000000',
        rating: 4,
      });
      customer = await create(as.admin, 'customer', {
        code: 'C001',
        name: '上海明亮眼镜有限公司',
        creditLevel: 'A',
        creditLimit: 1_000_000,
        address: '上海市黄浦区南京东路 1 号',
      });
      frame = await create(as.admin, 'product', {
        sku: 'FR-E2E',
        name: '钛合金镜架',
        unit: '副',
        price: 400,
        cost: 250,
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    let po: Doc;
    let order: Doc;

    it('purchases 100 through a requisition and a purchase order the purchase manager approves; they count as incoming', async () => {
      const requisition = await transition(
        as.buyer,
        'purchase_requisition',
        await create(as.buyer, 'purchase_requisition', {
          requestDate: '2026-11-02',
          warehouse: main.id,
          reason: '秋季备货',
          lines: [{ product: frame.id, qty: 100, suggestedSupplier: supplier.id }],
        }),
        'submit',
      );
      expect(requisition.state).toBe('pending_review');
      expect((await approve(as.buyerBoss, 'purchase_requisition', requisition)).state).toBe('approved');

      const draft = await create(as.buyer, 'purchase_order', {
        supplier: supplier.id,
        warehouse: main.id,
        orderDate: '2026-11-03',
        requisition: requisition.id,
        lines: [{ product: frame.id, qty: 100, price: 250 }],
      });
      expect(draft.data.total).toBe(25000);
      const pending = await transition(as.buyer, 'purchase_order', draft, 'submit');
      expect(pending.state).toBe('pending_review');
      expect(await levelOf(main)).toMatchObject({ onHand: 0, incoming: 0 });
      po = await approve(as.buyerBoss, 'purchase_order', pending);
      expect(po.state).toBe('approved');
      const ordered = await as.buyer.call<Doc>('GET', `/api/documents/purchase_requisition/${requisition.id}`);
      expect((await transition(as.buyer, 'purchase_requisition', ordered.body, 'order')).state).toBe('ordered');

      expect(await levelOf(main)).toMatchObject({
        onHand: 0,
        reserved: 0,
        incoming: 100,
        available: 0,
        projected: 100,
      });
      await expectLedgerMatchesLevels();
    });

    it('receives 95 accepted and 5 rejected: on hand 95, the 5 still incoming', async () => {
      const receipt = await create(as.keeper, 'goods_receipt', {
        supplier: supplier.id,
        warehouse: main.id,
        purchaseOrder: po.id,
        receiptDate: '2026-11-10',
        lines: [{ product: frame.id, acceptedQty: 95, rejectedQty: 5, remark: '5 副镜腿划伤' }],
      });
      expect((await transition(as.keeper, 'goods_receipt', receipt, 'post')).state).toBe('posted');
      expect(await levelOf(main)).toMatchObject({
        onHand: 95,
        reserved: 0,
        incoming: 5,
        available: 95,
        projected: 100,
      });
      await expectLedgerMatchesLevels();
    });

    it('closes the purchase order short: nothing incoming any more', async () => {
      const current = (await as.buyerBoss.call<Doc>('GET', `/api/documents/purchase_order/${po.id}`)).body;
      expect(
        (await transition(as.buyerBoss, 'purchase_order', current, 'close', { reason: '供应商无法补货，短交关闭' }))
          .state,
      ).toBe('closed');
      expect(await levelOf(main)).toMatchObject({ onHand: 95, incoming: 0, projected: 95 });
      await expectLedgerMatchesLevels();
    });

    it('sells 30 on an approved order: 30 reserved, 65 available', async () => {
      const draft = await create(as.clerk, 'sales_order', {
        customer: customer.id,
        warehouse: main.id,
        orderDate: '2026-11-12',
        lines: [{ product: frame.id, qty: 30, price: 400 }],
      });
      expect(draft.data.total).toBe(12000);
      const pending = await transition(as.clerk, 'sales_order', draft, 'submit');
      expect(pending.state).toBe('pending_review');
      order = await approve(as.salesBoss, 'sales_order', pending);
      expect(order.state).toBe('approved');
      expect(await levelOf(main)).toMatchObject({ onHand: 95, reserved: 30, available: 65 });
      await expectLedgerMatchesLevels();
    });

    it('ships: 65 on hand, nothing reserved, and the delivery exists', async () => {
      const shipped = await transition(as.keeper, 'sales_order', order, 'ship');
      expect(shipped.state).toBe('shipped');
      expect(await levelOf(main)).toMatchObject({ onHand: 65, reserved: 0, available: 65 });
      const deliveries = (
        await as.keeper.call<{ items: Doc[] }>('GET', `/api/documents/delivery?salesOrder=${order.id}`)
      ).body.items;
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        state: 'shipped',
        data: { salesOrder: order.id, customer: customer.id, lines: [{ product: frame.id, qty: 30 }] },
      });
      const links = (
        await as.keeper.call<{ items: Array<{ type: string; id: string }> }>(
          'GET',
          `/api/documents/sales_order/${order.id}/links`,
        )
      ).body.items;
      expect(links).toEqual([expect.objectContaining({ type: 'delivery', id: deliveries[0].id })]);
      await expectLedgerMatchesLevels();
    });

    it('transfers 10 to the second warehouse', async () => {
      const transfer = await create(as.keeper, 'stock_transfer', {
        fromWarehouse: main.id,
        toWarehouse: branch.id,
        transferDate: '2026-11-15',
        lines: [{ product: frame.id, qty: 10 }],
      });
      expect((await transition(as.keeper, 'stock_transfer', transfer, 'post')).state).toBe('posted');
      expect(await levelOf(main)).toMatchObject({ onHand: 55, available: 55 });
      expect(await levelOf(branch)).toMatchObject({ onHand: 10, available: 10 });
      await expectLedgerMatchesLevels();
    });

    it('books the stocktake that finds 1 missing as an adjustment and reports the variance', async () => {
      const stocktake = await create(as.keeper, 'stocktake', {
        warehouse: main.id,
        countDate: '2026-11-30',
        lines: [{ product: frame.id, countedQty: 54 }],
      });
      expect((await transition(as.keeper, 'stocktake', stocktake, 'post')).state).toBe('posted');
      expect(await levelOf(main)).toMatchObject({ onHand: 54, reserved: 0, incoming: 0, available: 54 });
      expect(await levelOf(branch)).toMatchObject({ onHand: 10 });
      const variance = await as.keeper.call<{ basis: string; lines: Array<Record<string, unknown>> }>(
        'GET',
        `/api/inventory/stocktakes/${stocktake.id}/variance`,
      );
      expect(variance.body).toMatchObject({
        basis: 'posted',
        lines: [{ product: frame.id, book: 55, counted: 54, variance: -1 }],
      });
      await expectLedgerMatchesLevels();

      const ledger = (
        await as.keeper.call<Move[]>('GET', `/api/inventory/ledger?product=${frame.id}&warehouse=${main.id}`)
      ).body;
      expect(ledger.filter((m) => m.delta.onHand !== 0).map((m) => [m.kind, m.delta.onHand, m.balance])).toEqual([
        ['receive', 95, 95],
        ['issue', -30, 65],
        ['transfer_out', -10, 55],
        ['adjust', -1, 54],
      ]);
      const toBranch = (
        await as.keeper.call<Move[]>('GET', `/api/inventory/ledger?product=${frame.id}&warehouse=${branch.id}`)
      ).body;
      expect(toBranch.map((m) => [m.kind, m.delta.onHand, m.balance])).toEqual([['transfer_in', 10, 10]]);
    });
  });
}
