// Real-HTTP set-up for the spreadsheet suites: an engine listening on a free
// port (per backend), users of the §13 roles, and .xlsx files built and read
// with exceljs, as a person's Excel would.
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe } from 'vitest';
import { backends, type Backend } from '../documents/harness';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface User {
  id: string;
  token: string;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, body: BodyInit, headers?: Record<string, string>): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface Server {
  t: TestApp;
  base: string;
  admin: User;
  clerk: User;
  clerk2: User;
  manager: User;
}

function userAt(base: string, token: string, id: string): User {
  const auth = { authorization: `Bearer ${token}` };
  return {
    id,
    token,
    get: (url, headers = {}) => fetch(`${base}${url}`, { headers: { ...auth, ...headers } }),
    post: (url, body, headers = {}) =>
      fetch(`${base}${url}`, { method: 'POST', body, headers: { ...auth, ...headers } }),
    async json(method, url, body) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    },
  };
}

async function start(backend: Backend): Promise<Server> {
  const t = await buildTestApp({ mongoUri: backend.mongoUri });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const adminToken = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  const me = await (await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${adminToken}` } })).json();
  const make = async (username: string, roles: string[]) => {
    const password = `Xl5-${username.length}-Qp8#Rt2026`;
    const user = await createUser(t.app, adminToken, { username, password, roles });
    return userAt(base, await login(t.app, username, password), user.id);
  };
  return {
    t,
    base,
    admin: userAt(base, adminToken, me.id),
    clerk: await make('sheet.clerk', ['sales_clerk']),
    clerk2: await make('sheet.clerk2', ['sales_clerk']),
    manager: await make('sheet.manager', ['sales_manager']),
  };
}

/** Runs `suite` once per backend against a listening engine. */
export function describeHttp(title: string, suite: (s: () => Server) => void): void {
  for (const backend of backends()) {
    describe(`${title} [${backend.name}]`, () => {
      let server: Server | undefined;
      beforeAll(async () => {
        server = await start(backend);
      });
      afterAll(async () => {
        await server?.t.close();
      });
      suite(() => {
        if (!server) throw new Error('server not ready');
        return server;
      });
    });
  }
}

/** An .xlsx with one worksheet: the first row is the header. */
export async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('导入');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The first worksheet of a downloaded .xlsx as rows of plain values. */
export async function readRows(body: ArrayBuffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

export async function upload(
  user: User,
  type: string,
  file: Buffer,
  query = '',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await user.post(`/api/documents/${type}/import${query}`, new Uint8Array(file), {
    'content-type': XLSX,
    ...headers,
  });
  return { status: res.status, body: await res.json() };
}
