// Plugin and report refusals answer in the caller's language from the catalogue
// (engine/messages/catalogue/plugins.ts, reports.ts): the same code, status and
// errors[].path in zh-CN and en, the detail and field messages in each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/messages/index';
import { ENGINE_VERSION } from '../../engine/plugins/index';
import { buildTestApp, createUser, login, TEST_ADMIN, type TestApp } from '../support/app';
import { answersInBoth } from './both-languages';
import { archiveOf, FIXTURES } from '../plugins/support';

const LAUNDRY = `${FIXTURES}/laundry`;
const CHINESE = /[\u4e00-\u9fa5]/;

interface Answer {
  status: number;
  zh: { detail: string; errors?: Array<{ path: string; message: string }> };
  en: { detail: string; errors?: Array<{ path: string; message: string }> };
}

describe('plugin and report refusals in the caller’s language', () => {
  let t: TestApp;
  let admin: string;
  let clerk: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await login(t.app, TEST_ADMIN.username, TEST_ADMIN.password);
    await createUser(t.app, admin, { username: 'clerk.reports', password: 'Rpt-Clerk#2026x', roles: ['sales_clerk'] });
    clerk = await login(t.app, 'clerk.reports', 'Rpt-Clerk#2026x');
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The same request in zh-CN and in en: same status, code and paths; the bodies to compare. */
  const both = async (request: {
    method: 'POST' | 'PUT' | 'DELETE';
    url: string;
    token?: string;
    payload?: object | Buffer;
    gzip?: boolean;
  }): Promise<Answer> => {
    const { zh, en } = await answersInBoth(
      t.app,
      {
        ...request,
        headers: {
          authorization: `Bearer ${request.token ?? admin}`,
          ...(request.gzip ? { 'content-type': 'application/gzip' } : {}),
        },
      },
      ['zh-CN,zh;q=0.9', 'en-US,en;q=0.9'],
    );
    expect(zh.statusCode).toBe(en.statusCode);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json().code).toBe(en.json().code);
    const paths = (body: { errors?: Array<{ path: string }> }) => body.errors?.map((e) => e.path);
    expect(paths(zh.json())).toEqual(paths(en.json()));
    expect(zh.json().detail).toMatch(CHINESE);
    expect(en.json().detail).not.toMatch(CHINESE);
    return { status: zh.statusCode, zh: zh.json(), en: en.json() };
  };

  it('refuses a plugin for another engine, naming /manifest/engine in both languages', async () => {
    const archive = await archiveOf(LAUNDRY, async ({ manifest }) => void (manifest.engine = '^2.0.0'));
    const res = await both({ method: 'POST', url: '/api/plugins', payload: archive, gzip: true });
    expect(res.status).toBe(422);
    const params = { version: ENGINE_VERSION, range: '^2.0.0' };
    expect(res.en.errors).toEqual([
      { path: '/manifest/engine', message: renderMessage('VALIDATION_FAILED.engine_out_of_range', 'en', params) },
    ]);
    expect(res.zh.errors).toEqual([
      { path: '/manifest/engine', message: `引擎版本 ${ENGINE_VERSION} 不在 “^2.0.0” 范围内` },
    ]);
    expect(res.en.detail).toBe(
      `manifest.json is not valid: /manifest/engine engine ${ENGINE_VERSION} is outside the range "^2.0.0"`,
    );
    expect(res.zh.detail).toBe(`manifest.json 无效：/manifest/engine 引擎版本 ${ENGINE_VERSION} 不在 “^2.0.0” 范围内`);
  });

  it('refuses an upgrade whose archive holds another plugin, and one that is not an archive', async () => {
    const other = await both({
      method: 'PUT',
      url: '/api/plugins/dry-cleaning',
      payload: await archiveOf(LAUNDRY),
      gzip: true,
    });
    expect(other.status).toBe(422);
    expect(other.en.detail).toBe('The archive holds plugin "laundry", not "dry-cleaning".');
    expect(other.zh.detail).toBe('插件包中是插件 “laundry”，而不是 “dry-cleaning”。');
    expect(other.en.errors).toEqual([{ path: '/manifest/name', message: 'must be "dry-cleaning"' }]);
    expect(other.zh.errors).toEqual([{ path: '/manifest/name', message: '必须为 “dry-cleaning”' }]);

    const garbage = await both({
      method: 'POST',
      url: '/api/plugins',
      payload: Buffer.from('not a tarball'),
      gzip: true,
    });
    expect(garbage.status).toBe(422);
    expect(garbage.en.detail).toMatch(/^Not a plugin archive \(\.tar\.gz\): /);
    expect(garbage.zh.detail).toMatch(/^不是插件包（\.tar\.gz）：/);
    expect(garbage.en.errors).toEqual([{ path: '', message: 'not a gzip-compressed tar archive' }]);
    expect(garbage.zh.errors).toEqual([{ path: '', message: '不是 gzip 压缩的 tar 包' }]);
  });

  it('answers a plugin that is not installed with 404 in both languages', async () => {
    const res = await both({ method: 'DELETE', url: '/api/plugins/no-such-plugin' });
    expect(res.status).toBe(404);
    expect(res.en.detail).toBe('Plugin "no-such-plugin" is not installed.');
    expect(res.zh.detail).toBe('插件 “no-such-plugin” 未安装。');
  });

  it('refuses a report run with bad parameters, naming the field, and one the role may not run', async () => {
    const bad = await both({
      method: 'POST',
      url: '/api/reports/sales_trend/runs',
      payload: { params: { from: 'yesterday' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.en.detail).toBe('Invalid parameters for report sales_trend.');
    expect(bad.zh.detail).toBe('报表 sales_trend 的参数无效。');
    expect(bad.en.errors?.[0]).toEqual({ path: '/params/from', message: 'is not a valid date' });
    expect(bad.zh.errors?.[0]).toEqual({ path: '/params/from', message: '不是有效的 date' });

    const denied = await both({ method: 'POST', url: '/api/reports/stock_balance/runs', token: clerk, payload: {} });
    expect(denied.status).toBe(403);
    expect(denied.en.detail).toMatch(/^Report stock_balance is for: admin, [a-z_, ]+\.$/);
    expect(denied.zh.detail).toMatch(/^报表 stock_balance 仅供以下角色使用：admin、[a-z_、]+。$/);
  });

  it('answers an unknown report schedule and a measure without a field in both languages', async () => {
    const missing = await both({ method: 'DELETE', url: '/api/reports/schedules/nope' });
    expect(missing.status).toBe(404);
    expect(missing.en.detail).toBe('No report schedule nope.');
    expect(missing.zh.detail).toBe('没有定时报表 nope。');

    const measure = await both({
      method: 'POST',
      url: '/api/reports/saved',
      payload: {
        key: 'custom_lang',
        title: { 'zh-CN': '语言', en: 'Language' },
        documentType: 'sales_order',
        groupBy: ['customer'],
        measures: [{ op: 'sum', title: { 'zh-CN': '合计', en: 'Total' } }],
        roles: [],
      },
    });
    expect(measure.status).toBe(422);
    expect(measure.en.detail).toBe('A sum measure needs a field.');
    expect(measure.zh.detail).toBe('sum 度量需要指定字段。');
    expect(measure.en.errors).toEqual([{ path: '/measures', message: 'sum needs a field' }]);
  });
});
