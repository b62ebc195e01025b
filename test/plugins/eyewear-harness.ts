// A fresh engine per backend with eyewear-retail installed through the API, the
// shop's staff by role, a store warehouse, a supplier and the products a glasses
// order needs, with stock received through goods receipts.
import { afterAll, beforeAll, describe } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { backends, type Backend } from '../support/backends';
import type { FakeClock } from '../support/clock';
import {
  adminClient,
  createDoc,
  EYEWEAR,
  mustInstall,
  transition,
  userClient,
  type Client,
  type DocView,
} from './support';

export interface Shop {
  t: TestApp;
  /** The engine's clock, when the suite asked for a fake one. */
  clock?: FakeClock;
  admin: Client;
  assistant: Client;
  manager: Client;
  regional: Client;
  technician: Client;
  optometrist: Client;
  warehouse: DocView;
  supplier: DocView;
  customer: DocView;
  frame: DocView;
  lens: DocView;
}

export const RX = {
  examDate: '2026-11-20',
  optometrist: '王医生',
  visionType: 'distance',
  od: { sphere: -3.25, cylinder: -0.75, axis: 180 },
  os: { sphere: -2.5, cylinder: 0 },
  pd: 63,
};

export async function receive(
  keeper: Client,
  shop: Pick<Shop, 'warehouse' | 'supplier'>,
  lines: Array<Record<string, unknown>>,
): Promise<DocView> {
  const receipt = await createDoc(keeper, 'goods_receipt', {
    supplier: shop.supplier.id,
    warehouse: shop.warehouse.id,
    receiptDate: '2026-11-01',
    lines,
  });
  return transition(keeper, 'goods_receipt', receipt, 'post');
}

export interface ShopOptions {
  /** A fresh clock per backend for the engine (alert kinds and reports read it); default the system clock. */
  clock?: () => FakeClock;
}

async function setUp(backend: Backend, options: ShopOptions): Promise<Shop> {
  const clock = options.clock?.();
  const t = await buildTestApp({ mongoUri: backend.mongoUri, ...(clock ? { clock: clock.now } : {}) });
  const admin = await adminClient(t.app);
  await mustInstall(t, admin, EYEWEAR);
  const [assistant, manager, regional, technician, optometrist] = [
    await userClient(t.app, admin, 'assistant', ['shop_assistant']),
    await userClient(t.app, admin, 'manager', ['store_manager']),
    await userClient(t.app, admin, 'regional', ['regional_manager']),
    await userClient(t.app, admin, 'technician', ['lab_technician']),
    await userClient(t.app, admin, 'optometrist', ['optometrist']),
  ];
  const warehouse = await createDoc(admin, 'warehouse', { code: 'SHOP1', name: '南京路店' });
  const supplier = await createDoc(admin, 'supplier', { code: 'LENS1', name: '丹阳镜片厂' });
  const customer = await createDoc(assistant, 'customer', {
    code: 'M001',
    name: '李娜',
    phone: '13800000000',
    membershipLevel: 'gold',
  });
  const frame = await createDoc(admin, 'product', {
    sku: 'FR-TI-52',
    name: '钛架 52□18-140',
    unit: '副',
    price: 800,
    minPrice: 600,
    eyewearKind: 'frame',
    brand: '海伦凯勒',
    model: 'H9001',
    colorCode: 'C1',
    colorName: '枪色',
    frameSize: '52□18-140',
    frameMaterial: 'titanium',
  });
  const lens = await createDoc(admin, 'product', {
    sku: 'LS-160',
    name: '1.60 非球面镜片',
    unit: '片',
    price: 300,
    minPrice: 200,
    eyewearKind: 'spectacle_lens',
    lensIndex: '1.60',
    lensMaterial: 'resin',
    coating: '防蓝光',
    lensDesign: 'single_vision',
    madeToOrder: false,
    sphMin: -6,
    sphMax: 4,
    cylMin: -2,
  });
  const shop = { warehouse, supplier };
  await receive(admin, shop, [
    { product: frame.id, acceptedQty: 5 },
    { product: lens.id, acceptedQty: 10 },
  ]);
  return {
    t,
    clock,
    admin,
    assistant,
    manager,
    regional,
    technician,
    optometrist,
    warehouse,
    supplier,
    customer,
    frame,
    lens,
  };
}

/** Runs `suite` once per backend against an engine with the plugin installed. */
export function describeShop(name: string, suite: (shop: () => Shop) => void, options: ShopOptions = {}): void {
  describe.each(backends())(`${name} ($name)`, (backend) => {
    let shop: Shop | undefined;
    beforeAll(async () => {
      shop = await setUp(backend, options);
    });
    afterAll(async () => shop?.t.close());
    suite(() => {
      if (!shop) throw new Error('set-up failed');
      return shop;
    });
  });
}

export async function prescription(c: Client, customer: string, extra: Record<string, unknown> = {}): Promise<DocView> {
  return createDoc(c, 'prescription', { ...RX, customer, ...extra });
}

export function orderData(
  shop: Shop,
  rx: string,
  prices: { frame?: number; lens?: number } = {},
  extra: Record<string, unknown> = {},
) {
  return {
    customer: shop.customer.id,
    prescription: rx,
    warehouse: shop.warehouse.id,
    orderDate: '2026-11-21',
    promisedDate: '2026-11-28',
    lines: [
      { product: shop.frame.id, kind: 'frame', qty: 1, price: prices.frame ?? 800 },
      { product: shop.lens.id, kind: 'lens', eye: 'od', qty: 1, price: prices.lens ?? 300 },
      { product: shop.lens.id, kind: 'lens', eye: 'os', qty: 1, price: prices.lens ?? 300 },
    ],
    ...extra,
  };
}
