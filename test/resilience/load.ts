// Mixed load over real HTTP for the resilience tests (soak, crash): closed-loop
// connections that create sales orders, edit them, submit them (small ones are
// reserved at once, large ones wait for the manager), approve, list and export.
// Every acknowledged write is recorded with the version the engine answered, so
// a test can read each one back afterwards.
export const PASSWORD = 'Resil-Pass-2026-xyz';

export interface Counts {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** Requests that got no answer (connection refused or reset: the engine was killed). */
  unanswered: number;
}

export interface Acked {
  version: number;
  state: string;
  /** A write on it was sent and not answered when the load stopped: it may or may not have applied. */
  inFlight: boolean;
}

export interface Fixture {
  base: string;
  clerk: string;
  manager: string;
  customer: string;
  warehouse: string;
  product: string;
}

type Json = Record<string, unknown>;

export async function login(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

export async function call(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  const json = type.includes('json') ? ((await res.json()) as Json) : (await res.arrayBuffer(), {});
  return { status: res.status, json };
}

async function must(base: string, token: string, method: string, url: string, body?: unknown): Promise<Json> {
  const res = await call(base, token, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Users, a customer, a warehouse and a product with `stock` units counted in. */
export async function seed(base: string, adminPassword: string, stock: number): Promise<Fixture> {
  const admin = await login(base, 'admin', adminPassword);
  for (const [username, roles] of [
    ['resil.clerk', ['sales_clerk']],
    ['resil.manager', ['sales_manager']],
  ] as const) {
    await must(base, admin, 'POST', '/api/users', { username, password: PASSWORD, roles });
  }
  const customer = await must(base, admin, 'POST', '/api/documents/customer', {
    data: { code: 'R001', name: '韧性客户', creditLevel: 'A', creditLimit: 999_999_999_999 },
  });
  const warehouse = await must(base, admin, 'POST', '/api/documents/warehouse', {
    data: { code: 'RW1', name: '主仓' },
  });
  const product = await must(base, admin, 'POST', '/api/documents/product', {
    data: { sku: 'R-SKU', name: '韧性商品', unit: '件', price: 100 },
  });
  const count = await must(base, admin, 'POST', '/api/documents/stocktake', {
    data: { warehouse: warehouse.id, countDate: '2026-11-22', lines: [{ product: product.id, countedQty: stock }] },
  });
  await must(base, admin, 'POST', `/api/documents/stocktake/${String(count.id)}/transitions/post`, {
    version: count.version,
  });
  return {
    base,
    clerk: await login(base, 'resil.clerk'),
    manager: await login(base, 'resil.manager'),
    customer: String(customer.id),
    warehouse: String(warehouse.id),
    product: String(product.id),
  };
}

export interface LoadRun {
  counts: Counts;
  acked: Map<string, Acked>;
  /** Resolves once every connection has stopped. */
  done: Promise<void>;
  stop(): void;
}

/**
 * `connections` closed loops until stop() (or `seconds`). A loop ends on its own
 * when the engine stops answering (a crash test kills it).
 */
export function mixedLoad(fx: Fixture, connections: number, seconds?: number): LoadRun {
  const counts: Counts = { requests: 0, byStatus: {}, serverErrors: 0, unanswered: 0 };
  const acked = new Map<string, Acked>();
  let stopped = false;
  const until = seconds === undefined ? Infinity : Date.now() + seconds * 1000;

  const send = async (token: string, method: string, url: string, body?: unknown) => {
    counts.requests += 1;
    try {
      const res = await call(fx.base, token, method, url, body);
      counts.byStatus[res.status] = (counts.byStatus[res.status] ?? 0) + 1;
      if (res.status >= 500) counts.serverErrors += 1;
      return res;
    } catch {
      counts.unanswered += 1;
      return null;
    }
  };
  /** A write on an order: recorded as in flight until answered; an answer ≥ 300 leaves the record as it was. */
  const write = async (id: string, token: string, method: string, url: string, body: unknown) => {
    const record = acked.get(id)!;
    record.inFlight = true;
    const res = await send(token, method, url, body);
    if (res === null) return null; // no answer: stays in flight
    record.inFlight = false;
    if (res.status < 300)
      acked.set(id, { version: Number(res.json.version), state: String(res.json.state), inFlight: false });
    return res;
  };

  const loop = async (n: number): Promise<void> => {
    const mine: string[] = [];
    for (let i = 0; !stopped && Date.now() < until; i += 1) {
      const pick = (n + i) % 8;
      const id = mine.length > 0 ? mine[(n * 7 + i) % mine.length] : undefined;
      const at = id && `/api/documents/sales_order/${id}`;
      const record = id ? acked.get(id) : undefined;
      let res;
      if (pick <= 1 || !id || !record) {
        // A large order (≥ 10,000) waits for the manager; a small one is reserved on submit.
        const price = (n + i) % 3 === 0 ? 12_500 : 100;
        const created = await send(fx.clerk, 'POST', '/api/documents/sales_order', {
          data: {
            customer: fx.customer,
            warehouse: fx.warehouse,
            orderDate: '2026-11-22',
            lines: [{ product: fx.product, qty: 1 + (i % 3), price }],
          },
        });
        if (created === null) return;
        if (created.status < 300) {
          const newId = String(created.json.id);
          acked.set(newId, {
            version: Number(created.json.version),
            state: String(created.json.state),
            inFlight: false,
          });
          mine.push(newId);
        }
        continue;
      } else if (pick === 2 && record.state === 'draft') {
        res = await write(id, fx.clerk, 'PATCH', at!, { version: record.version, data: { remark: `edit ${i}` } });
      } else if (pick === 3 && record.state === 'draft') {
        res = await write(id, fx.clerk, 'POST', `${at}/transitions/submit`, { version: record.version });
      } else if (pick === 4 && record.state === 'pending_review') {
        res = await write(id, fx.manager, 'POST', `${at}/approve`, { comment: 'ok' });
      } else if (pick === 5) {
        res = await send(fx.clerk, 'GET', '/api/documents/sales_order?limit=20');
      } else if (pick === 6 && i % 4 === 0) {
        res = await send(fx.clerk, 'GET', '/api/documents/sales_order/export?limit=50');
      } else {
        res = await send(fx.clerk, 'GET', at!);
      }
      if (res === null) return;
    }
  };
  const done = Promise.all(Array.from({ length: connections }, (_, n) => loop(n))).then(() => undefined);
  return {
    counts,
    acked,
    done,
    stop: () => {
      stopped = true;
    },
  };
}

/**
 * Reads every acknowledged order back: its version is the acknowledged one (or,
 * when a write on it was unanswered, at least that). Returns the ids that fail.
 */
export async function verifyAcked(fx: Fixture, acked: Map<string, Acked>): Promise<string[]> {
  const wrong: string[] = [];
  const ids = [...acked.keys()];
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map(async (id) => {
        const want = acked.get(id)!;
        const res = await call(fx.base, fx.clerk, 'GET', `/api/documents/sales_order/${id}`);
        const version = Number(res.json.version);
        const ok = res.status === 200 && (want.inFlight ? version >= want.version : version === want.version);
        if (!ok) wrong.push(`${id}: ${res.status} version ${version}, acknowledged ${want.version}`);
      }),
    );
  }
  return wrong;
}

interface Level {
  onHand: number;
  reserved: number;
  available: number;
  batch?: string;
}
interface Move {
  balance: number;
  after: { onHand: number; reserved: number };
}

/** The product's level in the warehouse against its ledger: last balance and last after-state equal the level. */
export async function stockAgainstLedger(
  fx: Fixture,
): Promise<{ level: Level; ledgerEnd: Move['after'] & { balance: number } }> {
  const q = `product=${fx.product}&warehouse=${fx.warehouse}`;
  const levels = (await call(fx.base, fx.manager, 'GET', `/api/inventory/levels?${q}`)).json as unknown as Level[];
  const ledger = (await call(fx.base, fx.manager, 'GET', `/api/inventory/ledger?${q}`)).json as unknown as Move[];
  const last = ledger[ledger.length - 1];
  return { level: levels[0], ledgerEnd: { ...last.after, balance: last.balance } };
}
