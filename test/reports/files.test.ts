// Report files: XLSX read back with exceljs (header in the caller's language,
// number formats), CSV with a BOM, and a PDF whose text layer (pdftotext from
// poppler-utils) holds the Chinese title and a customer name. Then a scheduled
// report delivered to the recipients' inbox and by e-mail with the file.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail, startSmtp, type TestSmtp } from '../support/smtp';
import { runReport, seedSales, type Seeded } from './seed';

const run = promisify(execFile);

describe('report files', () => {
  let s: Seeded;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    s = await seedSales({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await s?.t.close();
    await smtp?.close();
  });

  it('writes XLSX with the header in the caller language and money formats', async () => {
    const done = await runReport(
      s.admin,
      'customer_ranking',
      { params: {}, format: 'xlsx' },
      { 'accept-language': 'en' },
    );
    expect(done).toMatchObject({
      status: 'done',
      progress: 100,
      file: { contentType: expect.stringContaining('spreadsheetml') },
    });
    const file = await s.admin.call('GET', done.file.url);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Rank', 'Code', 'Customer', 'Orders', 'Sales']);
    expect(sheet.getRow(2).getCell(3).value).toBe('上海明亮眼镜有限公司');
    expect(sheet.getRow(2).getCell(5).value).toBe(1520);
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(3).getCell(5).value).toBe(1000);

    const zh = await runReport(s.admin, 'customer_ranking', { params: {}, format: 'xlsx' });
    const zhBook = new ExcelJS.Workbook();
    await zhBook.xlsx.load((await s.admin.call('GET', zh.file.url)).raw as unknown as ArrayBuffer);
    expect(zhBook.worksheets[0].getRow(1).getCell(3).value).toBe('客户');
  });

  it('writes CSV with a BOM so Excel reads the Chinese', async () => {
    const done = await runReport(s.admin, 'sales_trend', { params: {}, format: 'csv' });
    const file = await s.admin.call('GET', done.file.url);
    const text = file.raw.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split(/\r?\n/).slice(0, 3)).toEqual([
      '期间,订单数,数量,销售额',
      '2026-01,1,15,1250',
      '2026-02,2,23,1270',
    ]);
  });

  it('writes a PDF whose text holds the Chinese title and a customer name', async () => {
    const done = await runReport(s.admin, 'customer_ranking', { params: {}, format: 'pdf' });
    const file = await s.admin.call('GET', done.file.url);
    expect(file.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-pdf-'));
    try {
      await writeFile(path.join(dir, 'r.pdf'), file.raw);
      const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-']);
      expect(stdout).toContain('客户销售排行');
      expect(stdout).toContain('上海明亮眼镜有限公司');
      expect(stdout).toContain('1520');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not let another user read a run or its file (404)', async () => {
    const done = await runReport(s.admin, 'sales_trend', { params: {}, format: 'csv' });
    expect((await s.clerk.call('GET', `/api/reports/runs/${done.runId}`)).status).toBe(404);
    expect((await s.clerk.call('GET', done.file.url)).status).toBe(404);
  });

  it('delivers a scheduled report to the inbox and by e-mail with the file', async () => {
    const me = (await s.admin.call('GET', '/api/auth/me')).body;
    await s.admin.call('PUT', '/api/notifications/preferences', { email: 'boss@shop.example' });
    const bad = await s.admin.call('POST', '/api/reports/schedules', {
      key: 'sales_trend',
      format: 'xlsx',
      cron: 'every morning',
      recipients: { users: [me.id] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/cron');
    const created = await s.admin.call('POST', '/api/reports/schedules', {
      key: 'sales_trend',
      params: {},
      format: 'xlsx',
      cron: '0 8 * * *',
      recipients: { users: [me.id] },
    });
    expect(created.status).toBe(201);
    // One firing of the 08:00 schedule, as the queue would start it.
    await s.t.app.queue.enqueue('reports', 'scheduled', { scheduleId: created.body.id });
    const mail = parseMail(
      (await smtp.waitFor((m) => m.to.includes('boss@shop.example') && parseMail(m.raw).subject.includes('销售趋势')))
        .raw,
    );
    expect(mail.headers.get('content-type')).toContain('multipart/mixed');
    expect(mail.text).toContain('sales_trend-');
    expect(mail.text).toContain('.xlsx');
    const inbox = (await s.admin.call('GET', '/api/notifications')).body.items;
    const notice = inbox.find((n: any) => n.kind === 'report.ready');
    expect(notice.subject.type).toBe('report_run');
    const runView = await s.admin.call('GET', `/api/reports/runs/${notice.subject.id}`);
    expect(runView.body).toMatchObject({ status: 'done', result: { rowCount: 2 } });
  });
});
