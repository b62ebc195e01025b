// A refusal's detail comes from the message catalogue in the caller's language:
// English to Accept-Language: en, Chinese to zh-CN (and by default); the code,
// status and errors[].path stay the same.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { codeOfKey, messageKeys, problemTitle, renderMessage } from '../../engine/messages/index';
import { errorCatalogue } from '../../engine/errors';
import { buildTestApp, login, TEST_ADMIN, type TestApp } from '../support/app';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await buildTestApp();
  token = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
  await t?.close();
});

const ledger = (language?: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/inventory/ledger',
    headers: { authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) },
  });

it('answers Accept-Language: en with an English detail and zh-CN with a Chinese one', async () => {
  const en = await ledger('en-GB,en;q=0.9');
  const zh = await ledger('zh-CN,zh;q=0.9');
  const none = await ledger();
  for (const res of [en, zh, none]) {
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'INVALID_QUERY', errors: [{ path: '/querystring/product' }] });
  }
  expect(en.json().detail).toBe(renderMessage('INVALID_QUERY.ledger_needs_product', 'en'));
  expect(en.json().detail).toMatch(/^[\x20-\x7e]+$/);
  expect(zh.json().detail).toBe(renderMessage('INVALID_QUERY.ledger_needs_product', 'zh-CN'));
  expect(zh.json().detail).toMatch(/[\u4e00-\u9fa5]/);
  expect(zh.json().detail).not.toContain(' / ');
  expect(none.json().detail).toBe(zh.json().detail);
});

it('keys every message by a documented error code, in both languages', () => {
  for (const key of messageKeys()) {
    expect(errorCatalogue).toHaveProperty(codeOfKey(key));
    expect(renderMessage(key, 'zh-CN')).toMatch(/[\u4e00-\u9fa5]/);
    expect(renderMessage(key, 'en')).not.toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(renderMessage('VERSION_CONFLICT.transfer_in_progress', 'en', { key: 'T-1' })).toBe(
    'Transfer T-1 is still in progress; retry shortly',
  );
});

const createCustomer = (language: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/documents/customer',
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
    payload: { data: { name: 'Field errors', creditLimit: 1.005 } },
  });

it('renders field errors and the title in the caller language, keeping code and paths', async () => {
  const en = (await createCustomer('en')).json();
  const zh = (await createCustomer('zh-CN')).json();
  for (const body of [en, zh]) {
    expect(body).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/code', '/creditLimit']);
    for (const e of body.errors) expect(Object.keys(e).sort()).toEqual(['message', 'path']);
  }
  const message = (body: { errors: Array<{ path: string; message: string }> }, path: string) =>
    body.errors.find((e) => e.path === path)?.message;
  expect(en.title).toBe('Validation failed');
  expect(zh.title).toBe('数据校验未通过');
  expect(message(en, '/code')).toBe(renderMessage('VALIDATION_FAILED.required', 'en'));
  expect(message(zh, '/code')).toBe('缺少必填项');
  expect(message(en, '/creditLimit')).toBe('allows at most 2 decimal places');
  expect(message(zh, '/creditLimit')).toBe('最多 2 位小数');
});

it('has a title in both languages for every code', () => {
  for (const code of Object.keys(errorCatalogue) as Array<keyof typeof errorCatalogue>) {
    expect(problemTitle(code, 'en')).toBe(errorCatalogue[code].title);
    expect(problemTitle(code, 'zh-CN')).toMatch(/[\u4e00-\u9fa5]/);
  }
});

it('names the same parameters in both languages of every message', () => {
  const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of messageKeys()) {
    const params = Object.fromEntries(names(renderMessage(key, 'en')).map((n) => [n, `<${n}>`]));
    const zh = renderMessage(key, 'zh-CN', params);
    const en = renderMessage(key, 'en', params);
    expect({ key, zh: names(zh), en: names(en) }).toEqual({ key, zh: [], en: [] });
    for (const value of Object.values(params)) expect({ key, zh: zh.includes(value) }).toEqual({ key, zh: true });
  }
});

it('renders a refusal with parameters in each language, and a parameter given in both', () => {
  const params = { number: 'PO-1', line: 2, product: '镜片', ordered: 10, already: 8, now: 3, max: 10, tolerance: 0 };
  expect(renderMessage('RULE_FAILED.over_receipt', 'zh-CN', params)).toBe(
    '到货超出采购订单 PO-1：第 2 行商品「镜片」订购 10，已收 8，本次 3，最多可收 10（容差 0%）。',
  );
  expect(renderMessage('RULE_FAILED.over_receipt', 'en', params)).toBe(
    'Over-receipt on purchase order PO-1, line 2, 镜片: ordered 10, already received 8, this receipt 3, at most 10 allowed (tolerance 0%).',
  );
  const level = { 'zh-CN': 'manager（经理）', en: 'manager (Manager)' };
  expect(renderMessage('FORBIDDEN.self_approval', 'zh-CN', { level })).toBe(
    '不能审批自己提交的申请（级别 manager（经理））',
  );
  expect(renderMessage('FORBIDDEN.self_approval', 'en', { level })).toContain('(level manager (Manager))');
});
