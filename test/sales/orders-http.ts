// Real-HTTP helpers for the order-flow suites (issue 17): documents created and
// moved through their states by the users of describeHttp, stock put in place.
import { expect } from 'vitest';
import { receiveStock } from '../../engine/inventory/operations';
import type { Server, User } from '../spreadsheets/http';

export interface Doc {
  id: string;
  number: string;
  state: string;
  version: number;
  createdBy: string;
  data: Record<string, unknown>;
}

export async function create(user: User, type: string, data: Record<string, unknown>): Promise<Doc> {
  const res = await user.json<Doc>('POST', `/api/documents/${type}`, { data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function read(user: User, type: string, id: string): Promise<Doc> {
  const res = await user.json<Doc>('GET', `/api/documents/${type}/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** POST a transition; returns the raw answer (status and body) for refusals to be checked. */
export async function attempt(
  s: Server,
  user: User,
  type: string,
  doc: { id: string; version: number },
  key: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.base}/api/documents/${type}/${doc.id}/transitions/${key}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ version: doc.version }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function run(s: Server, user: User, type: string, doc: Doc, key: string): Promise<Doc> {
  const res = await attempt(s, user, type, doc, key);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as Doc;
}

/** Puts `qty` base units of a product into a warehouse (a receipt without a document). */
export async function stockUp(s: Server, product: string, warehouse: string, qty: number): Promise<void> {
  await receiveStock({
    store: s.t.store,
    key: `stock-up:${product}:${warehouse}:${qty}`,
    ref: { type: 'seed', id: 'seed' },
    warehouse,
    lines: [{ product, qty }],
  });
}

export async function level(
  user: User,
  product: string,
  warehouse: string,
): Promise<{ onHand: number; reserved: number; available: number }> {
  const { body } = await user.json<Array<{ onHand: number; reserved: number; available: number }>>(
    'GET',
    `/api/inventory/levels?product=${product}&warehouse=${warehouse}`,
  );
  return body.reduce(
    (sum, l) => ({
      onHand: sum.onHand + l.onHand,
      reserved: sum.reserved + l.reserved,
      available: sum.available + l.available,
    }),
    { onHand: 0, reserved: 0, available: 0 },
  );
}

export interface LinkJson {
  relation: string;
  type: string;
  id: string;
  number: string;
}

export async function links(user: User, type: string, id: string): Promise<LinkJson[]> {
  const res = await user.json<{ items: LinkJson[] }>('GET', `/api/documents/${type}/${id}/links`);
  expect(res.status).toBe(200);
  return res.body.items;
}
