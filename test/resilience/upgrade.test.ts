// Upgrade: every data directory an earlier release wrote, kept in fixtures/
// (data-<release>.tar.gz, made by fixtures/make-upgrade-fixture.ts), opens with
// the current engine and works: its users sign in, its documents read back with
// their number, state and version, its stock agrees with the ledger, and new
// writes — a transition on an old document, a new order numbered after the old
// ones — succeed.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../support/app';
import { expectLedgerMatchesLevels, levelOf } from '../inventory/check-ledger';

const fixtures = path.join(__dirname, 'fixtures');
const releases = (await readdir(fixtures)).filter((f) => /^data-.+\.tar\.gz$/.test(f)).sort();

interface FixtureFacts {
  release: string;
  password: string;
  customer: string;
  warehouse: string;
  product: string;
  order: { id: string; number: string; version: number; state: string };
  stock: { onHand: number; reserved: number };
}

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it('keeps at least one earlier release’s data directory as a fixture', () => {
  expect(releases.length).toBeGreaterThan(0);
});

describe.each(releases)('a data directory from %s', (file) => {
  it('opens, reads and writes with the current engine', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-upgrade-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    execFileSync('tar', ['-xzf', path.join(fixtures, file), '-C', dataDir]);
    const facts = JSON.parse(await readFile(path.join(dataDir, 'fixture.json'), 'utf8')) as FixtureFacts;
    const t: TestApp = await buildTestApp({ dataDir });
    cleanup.push(() => t.close());
    const token = await login(t.app, 'admin', facts.password);
    const clerk = await login(t.app, 'fixture.clerk', facts.password);
    const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${who}` }, payload });
      return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
    };

    const order = await call(token, 'GET', `/api/documents/sales_order/${facts.order.id}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      number: facts.order.number,
      version: facts.order.version,
      state: facts.order.state,
    });
    expect(await levelOf(t.store, facts.product, facts.warehouse)).toMatchObject(facts.stock);
    await expectLedgerMatchesLevels(t.store, facts.product, facts.warehouse);

    // Writes: the old order is cancelled (its reservation released), a new one is created and submitted.
    const cancelled = await call(token, 'POST', `/api/documents/sales_order/${facts.order.id}/transitions/cancel`, {
      version: facts.order.version,
      reason: 'upgrade check',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', version: facts.order.version + 1 });
    const created = await call(clerk, 'POST', '/api/documents/sales_order', {
      data: {
        customer: facts.customer,
        warehouse: facts.warehouse,
        orderDate: '2026-11-23',
        lines: [{ product: facts.product, qty: 5, price: 25 }],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.number).not.toBe(facts.order.number);
    const submitted = await call(
      clerk,
      'POST',
      `/api/documents/sales_order/${String(created.body.id)}/transitions/submit`,
      {
        version: created.body.version,
      },
    );
    expect(submitted.body).toMatchObject({ state: 'approved' });
    expect(await levelOf(t.store, facts.product, facts.warehouse)).toMatchObject({
      onHand: facts.stock.onHand,
      reserved: 5,
    });
    await expectLedgerMatchesLevels(t.store, facts.product, facts.warehouse);
    console.log(
      `upgrade from ${facts.release}: order ${facts.order.number} read at version ${facts.order.version}, ` +
        `cancelled, a new order ${String(created.body.number)} submitted; level equals ledger`,
    );
  });
});
