// Refusals of documents, approvals and spreadsheets answer in the caller's
// language from the message catalogue (engine/messages/catalogue/documents.ts,
// approvals.ts, spreadsheets.ts): the same request in zh-CN and in en gives the
// same code, status and errors[].path, and a detail in each language.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/messages/index';
import { workbook, XLSX } from '../spreadsheets/http';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';
import { answersInBoth } from './both-languages';

const CHINESE = /[\u4e00-\u9fa5]/;
const MISSING = '000000000000000000000000';

let t: TestApp;
let admin: string;
let customer: { id: string; version: number; number: string; state: string };

beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/documents/customer',
    headers: { authorization: `Bearer ${admin}` },
    payload: { data: { code: 'LANG-1', name: 'Language test shop' } },
  });
  expect(created.statusCode).toBe(201);
  customer = created.json();
});

afterAll(async () => {
  await t?.close();
});

interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

/** The same request in zh-CN and en: same status, code and paths; both bodies returned. */
async function both(request: {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}): Promise<{ status: number; zh: Problem; en: Problem }> {
  const { zh, en } = await answersInBoth(
    t.app,
    { ...request, headers: { authorization: `Bearer ${admin}`, ...request.headers } },
    ['zh-CN,zh;q=0.9', 'en-US,en;q=0.9'],
  );
  expect(zh.statusCode).toBe(en.statusCode);
  expect(zh.headers['content-type']).toContain('application/problem+json');
  const [zhBody, enBody] = [zh.json<Problem>(), en.json<Problem>()];
  expect(zhBody.code).toBe(enBody.code);
  expect(zhBody.errors?.map((e) => e.path)).toEqual(enBody.errors?.map((e) => e.path));
  expect(zhBody.detail).toMatch(CHINESE);
  expect(enBody.detail).not.toMatch(CHINESE);
  return { status: zh.statusCode, zh: zhBody, en: enBody };
}

describe('documents', () => {
  it('answers an unknown document in both languages', async () => {
    const res = await both({ method: 'GET', url: `/api/documents/customer/${MISSING}` });
    expect(res.status).toBe(404);
    expect(res.zh.detail).toBe(renderMessage('NOT_FOUND.document', 'zh-CN', { type: 'customer', id: MISSING }));
    expect(res.en.detail).toBe(`No customer document with id ${MISSING}.`);
  });

  it('refuses an unknown sort field, with the field error in the caller’s language', async () => {
    const res = await both({ method: 'GET', url: '/api/documents/customer?sort=shoeSize' });
    expect(res.status).toBe(400);
    expect(res.zh.code).toBe('INVALID_QUERY');
    expect(res.zh.errors).toEqual([{ path: '/querystring/sort', message: '不是可排序字段' }]);
    expect(res.en.errors).toEqual([{ path: '/querystring/sort', message: 'is not a sortable field' }]);
    expect(res.zh.detail).toContain('不能按 “shoeSize” 排序');
    expect(res.zh.detail).toContain('、');
    expect(res.en.detail).toMatch(/^Cannot sort by "shoeSize"; use one of: \w+(, \w+)+ \(prefix - for descending\)\.$/);
  });

  it('refuses a stale version naming both versions, and changes nothing', async () => {
    const res = await both({
      method: 'PATCH',
      url: `/api/documents/customer/${customer.id}`,
      payload: { data: { name: 'Renamed' }, version: customer.version + 5 },
    });
    expect(res.status).toBe(409);
    const params = { type: 'customer', id: customer.id, expected: customer.version + 5, actual: customer.version };
    expect(res.zh.detail).toBe(renderMessage('VERSION_CONFLICT.document_changed_to', 'zh-CN', params));
    expect(res.en.detail).toBe(renderMessage('VERSION_CONFLICT.document_changed_to', 'en', params));
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/documents/customer/${customer.id}`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(read.json()).toMatchObject({ version: customer.version, data: { name: 'Language test shop' } });
  });

  it('answers a transition the type does not have', async () => {
    const res = await both({
      method: 'POST',
      url: `/api/documents/customer/${customer.id}/transitions/teleport`,
      payload: { version: customer.version },
    });
    expect(res.status).toBe(404);
    expect(res.zh.detail).toMatch(/^customer（定义版本 \d+）没有操作 “teleport”。$/);
    expect(res.en.detail).toMatch(/^customer \(definition version \d+\) has no transition "teleport"\.$/);
  });
});

describe('approvals', () => {
  it('says no approval is waiting', async () => {
    const res = await both({ method: 'POST', url: `/api/documents/customer/${customer.id}/approve`, payload: {} });
    expect(res.status).toBe(422);
    const params = { type: 'customer', number: customer.number, state: customer.state };
    expect(res.zh.detail).toBe(renderMessage('RULE_FAILED.no_open_approval', 'zh-CN', params));
    expect(res.en.detail).toBe(`No approval is waiting on customer ${customer.number} (state "${customer.state}").`);
  });

  it('refuses a cancellation without a reason, naming /reason', async () => {
    const res = await both({ method: 'POST', url: `/api/documents/customer/${customer.id}/cancellation`, payload: {} });
    expect(res.status).toBe(422);
    expect(res.zh).toMatchObject({
      detail: '取消申请需要填写原因。',
      errors: [{ path: '/reason', message: '需要填写原因' }],
    });
    expect(res.en).toMatchObject({
      detail: 'A cancellation needs a reason.',
      errors: [{ path: '/reason', message: 'a reason is required' }],
    });
  });

  it('lists a delegation’s problems in the detail in each language', async () => {
    const res = await both({
      method: 'POST',
      url: '/api/approvals/delegations',
      payload: { to: 'no.such.user', from: 'soon', until: '2020-01-01' },
    });
    expect(res.status).toBe(422);
    expect(res.en.errors?.map((e) => e.path).sort()).toEqual(['/from', '/to', '/until']);
    expect(res.zh.detail.startsWith('委托无效：')).toBe(true);
    expect(res.en.detail.startsWith('The delegation is invalid: ')).toBe(true);
    for (const e of res.zh.errors ?? []) expect(res.zh.detail).toContain(`${e.path} ${e.message}`);
    for (const e of res.en.errors ?? []) expect(res.en.detail).toContain(`${e.path} ${e.message}`);
  });

  it('answers an unknown delegation', async () => {
    const res = await both({ method: 'DELETE', url: '/api/approvals/delegations/nope' });
    expect(res).toEqual({
      status: 404,
      zh: expect.objectContaining({ detail: '您没有编号为 nope 的委托。' }),
      en: expect.objectContaining({ detail: 'You have no delegation with id nope.' }),
    });
  });
});

describe('spreadsheets', () => {
  const importUrl = '/api/documents/customer/import';

  it('asks for a file when the body is empty', async () => {
    const res = await both({ method: 'POST', url: importUrl, headers: { 'content-type': XLSX } });
    expect(res.status).toBe(400);
    expect(res.zh.detail).toBe(renderMessage('BAD_REQUEST.no_upload', 'zh-CN', { type: XLSX }));
    expect(res.en.detail).toBe(renderMessage('BAD_REQUEST.no_upload', 'en', { type: XLSX }));
  });

  it('refuses an upload that is not a workbook', async () => {
    const res = await both({
      method: 'POST',
      url: importUrl,
      payload: Buffer.from('name,code\nnot,a workbook\n'),
      headers: { 'content-type': XLSX },
    });
    expect(res.status).toBe(400);
    expect(res.zh.detail).toBe('上传的文件不是可读取的 .xlsx 工作簿。');
    expect(res.en.detail).toBe('The upload is not a readable .xlsx workbook.');
  });

  it('sums up the refused rows in the caller’s language, importing nothing', async () => {
    const file = await workbook([
      ['code', 'name'],
      ['LANG-2', 'First'],
      ['LANG-2', 'Second'],
    ]);
    const res = await both({ method: 'POST', url: importUrl, payload: file, headers: { 'content-type': XLSX } });
    expect(res.status).toBe(422);
    expect(res.zh.detail).toBe('表格有 1 处问题，未导入任何数据：第 3 行 code：与第 2 行重复');
    expect(res.en.detail).toBe(
      'The spreadsheet has 1 problem(s), nothing was imported: row 3 code: same value as row 2',
    );
    expect(res.en.errors).toEqual([expect.objectContaining({ path: '/rows/3/code', message: 'same value as row 2' })]);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/documents/customer?limit=100',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('LANG-2');
  });
});

it('defines each message key in one family only (a later family would silently replace it)', async () => {
  const dir = path.resolve(__dirname, '../../engine/messages/catalogue');
  const owners = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'entry.ts')) {
    const family = (await import(path.join(dir, file))) as Record<string, Record<string, unknown>>;
    // `titles` (general.ts) is the per-code problem title, not part of the message catalogue.
    for (const [name, entries] of Object.entries(family).filter(([n]) => n !== 'titles'))
      for (const key of Object.keys(entries)) owners.set(key, [...(owners.get(key) ?? []), `${file}:${name}`]);
  }
  expect(owners.size).toBeGreaterThan(100);
  expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
});
