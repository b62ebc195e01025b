// The permission matrix (permission-matrix.data.ts) asserted over real HTTP: the
// engine listens on 127.0.0.1:0, one user per built-in role signs in, and every
// row's request is sent as each role and as an anonymous caller. A row whose
// request changes state gets a fresh document for every caller.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketDefinition } from '../documents/fixtures';
import { buildTestApp, TEST_ADMIN, type TestApp } from '../support/app';
import { MATRIX, PRINCIPALS, type Outcome, type Principal, type Role, type RowId } from './permission-matrix.data';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
interface Doc {
  id: string;
  version: number;
  state: string;
}
type Probe = (principal: Principal) => Promise<number>;

let t: TestApp;
let base = '';
const tokens = {} as Record<Role, string>;
let n = 0;
const next = () => ++n;

async function send(token: string | undefined, method: Method, path: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The request as `principal`; answers the status (the body is drained). */
async function hit(principal: Principal, method: Method, path: string, body?: unknown): Promise<number> {
  const res = await send(principal === 'anonymous' ? undefined : tokens[principal], method, path, body);
  await res.arrayBuffer();
  return res.status;
}

/** Set-up calls must succeed; they are not what a row asserts. */
async function must<T>(role: Role, method: Method, path: string, body: unknown, status: number): Promise<T> {
  const res = await send(tokens[role], method, path, body);
  const text = await res.text();
  if (res.status !== status) throw new Error(`set-up ${method} ${path} as ${role}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

const create = (role: Role, type: string, data: Record<string, unknown>) =>
  must<Doc>(role, 'POST', `/api/documents/${type}`, { data }, 201);
const transition = (role: Role, type: string, doc: Doc, key: string) =>
  must<Doc>(role, 'POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version }, 200);

const ids = { customer: '', supplier: '', product: '', warehouse: '', warehouse2: '' };
const data = {
  // No credit fields: a sales clerk may create customers but not set their credit (readOnlyFields).
  customer: () => ({ code: `MC-${next()}`, name: `矩阵客户 ${n}` }),
  supplier: () => ({ code: `MS-${next()}`, name: `矩阵供应商 ${n}` }),
  product: () => ({ sku: `MP-${next()}`, name: `矩阵商品 ${n}`, unit: '件', price: 100 }),
  warehouse: () => ({ code: `MW-${next()}`, name: `矩阵仓库 ${n}` }),
  // 20000 needs the manager level; 100 needs no approval and is approved at once.
  salesOrder: (total: 20000 | 100) => ({
    customer: ids.customer,
    warehouse: ids.warehouse,
    orderDate: '2026-11-20',
    lines: [{ product: ids.product, qty: total / 100, price: 100, discount: 0 }],
  }),
  purchaseOrder: () => ({
    supplier: ids.supplier,
    warehouse: ids.warehouse,
    orderDate: '2026-11-20',
    lines: [{ product: ids.product, qty: 5, price: 10 }],
  }),
  stockTransfer: () => ({
    fromWarehouse: ids.warehouse,
    toWarehouse: ids.warehouse2,
    transferDate: '2026-11-20',
    lines: [{ product: ids.product, qty: 1 }],
  }),
  stocktake: () => ({
    warehouse: ids.warehouse2,
    countDate: '2026-11-20',
    lines: [{ product: ids.product, countedQty: 0 }],
  }),
};

const fixed = { clerkOrder: '', managerOrder: '', purchaseOrder: '', transfer: '', stocktake: '' };

const list =
  (type: string): Probe =>
  (p) =>
    hit(p, 'GET', `/api/documents/${type}`);
const get =
  (type: string, id: () => string): Probe =>
  (p) =>
    hit(p, 'GET', `/api/documents/${type}/${id()}`);
const post =
  (type: string, make: () => Record<string, unknown>): Probe =>
  (p) =>
    hit(p, 'POST', `/api/documents/${type}`, { data: make() });
/** PATCH a fresh document that `owner` created. */
const update =
  (type: string, owner: Role, make: () => Record<string, unknown>, patch: Record<string, unknown>): Probe =>
  async (p) => {
    const doc = await create(owner, type, make());
    return hit(p, 'PATCH', `/api/documents/${type}/${doc.id}`, { data: patch, version: doc.version });
  };
/** Runs `key` on a fresh document that `prepare` made. */
const run =
  (type: string, key: string, prepare: () => Promise<Doc>): Probe =>
  async (p) => {
    const doc = await prepare();
    return hit(p, 'POST', `/api/documents/${type}/${doc.id}/transitions/${key}`, { version: doc.version });
  };
/** A clerk's order waiting at the manager level. */
const pendingOrder = async (): Promise<Doc> => {
  const submitted = await transition(
    'sales_clerk',
    'sales_order',
    await create('sales_clerk', 'sales_order', data.salesOrder(20000)),
    'submit',
  );
  if (submitted.state !== 'pending_review') throw new Error(`expected pending_review, got ${submitted.state}`);
  return submitted;
};
const decide =
  (decision: 'approve' | 'reject'): Probe =>
  async (p) => {
    const doc = await pendingOrder();
    return hit(p, 'POST', `/api/documents/sales_order/${doc.id}/${decision}`, { comment: '矩阵测试意见' });
  };

const probes: Record<RowId, Probe> = {
  'definitions.list': (p) => hit(p, 'GET', '/api/definitions'),
  'definitions.get': (p) => hit(p, 'GET', '/api/definitions/sales_order'),
  'definitions.publish': (p) => hit(p, 'PUT', '/api/definitions/ticket', ticketDefinition()),
  'definitions.lint': (p) => hit(p, 'POST', '/api/definitions/lint', ticketDefinition()),

  'customer.create': post('customer', data.customer),
  'customer.list': list('customer'),
  'customer.get': get('customer', () => ids.customer),
  'customer.update': update('customer', 'admin', data.customer, { phone: '021-5555 0101' }),
  'supplier.create': post('supplier', data.supplier),
  'supplier.list': list('supplier'),
  'supplier.get': get('supplier', () => ids.supplier),
  'supplier.update': update('supplier', 'admin', data.supplier, { contact: '王经理' }),
  'product.create': post('product', data.product),
  'product.list': list('product'),
  'product.get': get('product', () => ids.product),
  'product.update': update('product', 'admin', data.product, { barcode: '6901234567892' }),
  'warehouse.create': post('warehouse', data.warehouse),
  'warehouse.list': list('warehouse'),
  'warehouse.get': get('warehouse', () => ids.warehouse),
  'warehouse.update': update('warehouse', 'admin', data.warehouse, { address: '上海市浦东新区' }),

  'sales_order.create': post('sales_order', () => data.salesOrder(100)),
  'sales_order.list': list('sales_order'),
  'sales_order.get.own': get('sales_order', () => fixed.clerkOrder),
  'sales_order.get.others': get('sales_order', () => fixed.managerOrder),
  'sales_order.update.own': update('sales_order', 'sales_clerk', () => data.salesOrder(100), { remark: '加急' }),
  'sales_order.update.others': update('sales_order', 'sales_manager', () => data.salesOrder(100), { remark: '加急' }),
  'purchase_order.create': post('purchase_order', data.purchaseOrder),
  'purchase_order.list': list('purchase_order'),
  'purchase_order.get': get('purchase_order', () => fixed.purchaseOrder),
  'purchase_order.update.own': update('purchase_order', 'purchaser', data.purchaseOrder, { remark: '月底前到货' }),
  'purchase_order.update.others': update('purchase_order', 'purchase_manager', data.purchaseOrder, {
    remark: '月底前到货',
  }),

  'stock_transfer.create': post('stock_transfer', data.stockTransfer),
  'stock_transfer.list': list('stock_transfer'),
  'stock_transfer.get': get('stock_transfer', () => fixed.transfer),
  'stock_transfer.update': update('stock_transfer', 'admin', data.stockTransfer, { remark: '补货' }),
  'stocktake.create': post('stocktake', data.stocktake),
  'stocktake.list': list('stocktake'),
  'stocktake.get': get('stocktake', () => fixed.stocktake),
  'stocktake.update': update('stocktake', 'admin', data.stocktake, { remark: '月末盘点' }),

  'inventory.levels': (p) => hit(p, 'GET', `/api/inventory/levels?product=${ids.product}`),
  'inventory.ledger': (p) => hit(p, 'GET', `/api/inventory/ledger?product=${ids.product}`),

  'sales_order.submit.own': run('sales_order', 'submit', () =>
    create('sales_clerk', 'sales_order', data.salesOrder(20000)),
  ),
  'sales_order.submit.others': run('sales_order', 'submit', () =>
    create('sales_manager', 'sales_order', data.salesOrder(20000)),
  ),
  'sales_order.ship': run('sales_order', 'ship', async () =>
    transition(
      'sales_clerk',
      'sales_order',
      await create('sales_clerk', 'sales_order', data.salesOrder(100)),
      'submit',
    ),
  ),
  'purchase_order.submit': run('purchase_order', 'submit', () =>
    create('purchaser', 'purchase_order', data.purchaseOrder()),
  ),

  'approvals.inbox': (p) => hit(p, 'GET', '/api/approvals/inbox'),
  'approvals.approve': decide('approve'),
  'approvals.reject': decide('reject'),

  'users.list': (p) => hit(p, 'GET', '/api/users'),
  'users.create': (p) =>
    hit(p, 'POST', '/api/users', {
      username: `matrix.new.${next()}`,
      password: 'Matrix-New-User-2026',
      roles: ['sales_clerk'],
    }),
  'audit.list': (p) => hit(p, 'GET', '/api/audit'),
};

const outcomeOf = (status: number): Outcome | number => (status >= 200 && status < 300 ? 'ok' : status);

describe('permission matrix (real HTTP)', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const signIn = async (username: string, password: string) => {
      const res = await send(undefined, 'POST', '/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    };
    tokens.admin = await signIn(TEST_ADMIN.username, TEST_ADMIN.password);
    for (const role of PRINCIPALS) {
      if (role === 'anonymous' || role === 'admin') continue;
      const password = `Matrix-${role.length}-Pw#2026`;
      await must('admin', 'POST', '/api/users', { username: `m.${role}`, password, roles: [role] }, 201);
      tokens[role] = await signIn(`m.${role}`, password);
    }
    ids.customer = (await create('admin', 'customer', data.customer())).id;
    ids.supplier = (await create('admin', 'supplier', data.supplier())).id;
    ids.product = (await create('admin', 'product', data.product())).id;
    ids.warehouse = (await create('admin', 'warehouse', data.warehouse())).id;
    ids.warehouse2 = (await create('admin', 'warehouse', data.warehouse())).id;
    // Stock for the orders that get shipped.
    const receipt = await create('admin', 'goods_receipt', {
      supplier: ids.supplier,
      warehouse: ids.warehouse,
      receiptDate: '2026-11-19',
      lines: [{ product: ids.product, acceptedQty: 1000, rejectedQty: 0 }],
    });
    await transition('admin', 'goods_receipt', receipt, 'post');
    fixed.clerkOrder = (await create('sales_clerk', 'sales_order', data.salesOrder(100))).id;
    fixed.managerOrder = (await create('sales_manager', 'sales_order', data.salesOrder(100))).id;
    fixed.purchaseOrder = (await create('purchaser', 'purchase_order', data.purchaseOrder())).id;
    fixed.transfer = (await create('warehouse_keeper', 'stock_transfer', data.stockTransfer())).id;
    fixed.stocktake = (await create('warehouse_keeper', 'stocktake', data.stocktake())).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a request for every row and a row for every request', () => {
    expect(Object.keys(probes).sort()).toEqual(MATRIX.map((r) => r.id).sort());
  });

  for (const row of MATRIX) {
    it(`${row.family} — ${row.action} (${row.id})`, async () => {
      const actual: Record<string, Outcome | number> = {};
      for (const principal of PRINCIPALS) actual[principal] = outcomeOf(await probes[row.id](principal));
      expect(actual).toEqual(row.expect);
    });
  }
});
