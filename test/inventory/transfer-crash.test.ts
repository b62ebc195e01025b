// A real engine process dies between the two legs of a stock transfer and is
// started again on the same DATA_DIR: the transfer completes exactly once.
//
// The crash is the test hook JXC_TEST_CRASH_AFTER_TRANSFER_LEG=1, which the engine
// honours only with NODE_ENV=test (engine/config.ts): right after the first leg
// the process SIGKILLs itself, so nothing after that point runs, not even a
// shutdown handler. INVENTORY_LEASE_MS=1000 lets the restarted engine take over
// the dead process's claim after one second instead of thirty.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, waitForHealth, type EngineProcess } from '../support/engine-process';

const ADMIN = { username: 'admin', password: 'Crash-Test-Pass-2026' };
const running: EngineProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const e of running.splice(0)) {
    if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
    await e.exited;
  }
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

interface Doc {
  id: string;
  state: string;
  version: number;
}

interface Move {
  kind: string;
  delta: { onHand: number };
  balance: number;
  ref: { id: string };
}

async function engine(env: Record<string, string>): Promise<{
  process: EngineProcess;
  call: <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
}> {
  const proc = await startEngine(env);
  running.push(proc);
  await waitForHealth(proc);
  const base = `http://127.0.0.1:${proc.port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(method: string, urlPath: string, body?: unknown) => {
    const res = await fetch(`${base}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return { process: proc, call };
}

describe('a stock transfer interrupted by a crash between its legs', () => {
  it('completes exactly once after the engine restarts on the same DATA_DIR', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-crash-'));
    dirs.push(dir);
    const env = {
      DATA_DIR: dir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'test',
      INVENTORY_LEASE_MS: '1000',
    };

    const first = await engine({ ...env, JXC_TEST_CRASH_AFTER_TRANSFER_LEG: '1' });
    const create = async (type: string, data: Record<string, unknown>): Promise<Doc> => {
      const res = await first.call<Doc>('POST', `/api/documents/${type}`, { data });
      if (res.status !== 201) throw new Error(`create ${type}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const from = await create('warehouse', { code: 'W1', name: '上海总仓' });
    const to = await create('warehouse', { code: 'W2', name: '杭州门店仓' });
    const supplier = await create('supplier', { code: 'S1', name: '丹阳镜片厂' });
    const product = await create('product', { sku: 'CR-001', name: '树脂镜片', unit: '片', price: 50 });
    const receipt = await create('goods_receipt', {
      supplier: supplier.id,
      warehouse: from.id,
      receiptDate: '2026-11-20',
      lines: [{ product: product.id, acceptedQty: 20 }],
    });
    expect(
      (
        await first.call('POST', `/api/documents/goods_receipt/${receipt.id}/transitions/post`, {
          version: receipt.version,
        })
      ).status,
    ).toBe(200);
    const transfer = await create('stock_transfer', {
      fromWarehouse: from.id,
      toWarehouse: to.id,
      transferDate: '2026-11-21',
      lines: [{ product: product.id, qty: 8 }],
    });

    // The request never gets an answer: the process is gone.
    await expect(
      first.call('POST', `/api/documents/stock_transfer/${transfer.id}/transitions/post`, {
        version: transfer.version,
      }),
    ).rejects.toThrow();
    await first.process.exited;
    expect(first.process.child.signalCode).toBe('SIGKILL');
    expect(first.process.stderr()).toContain('JXC_TEST_CRASH_AFTER_TRANSFER_LEG');

    // A longer lease after the restart: the crashed change's (1 s) is long gone by the
    // time this engine is up, and a live request slower than 1 s on busy CI cores would
    // otherwise be taken over by the sweep (409 taken_over) as if it had crashed too.
    const second = await engine({ ...env, INVENTORY_LEASE_MS: '5000' });
    const onHand = async (warehouse: Doc): Promise<number> => {
      const res = await second.call<Array<{ onHand: number }>>(
        'GET',
        `/api/inventory/levels?product=${product.id}&warehouse=${warehouse.id}`,
      );
      return res.body.reduce((sum, l) => sum + l.onHand, 0);
    };
    const stateOf = async (): Promise<Doc> =>
      (await second.call<Doc>('GET', `/api/documents/stock_transfer/${transfer.id}`)).body;

    // Settled means either the transfer finished for a posted document, or (when
    // effects run before the commit) the uncommitted post was rolled back whole.
    const deadline = Date.now() + 60_000;
    let doc = await stateOf();
    let levels = [await onHand(from), await onHand(to)];
    const settled = (): boolean =>
      (doc.state === 'posted' && levels[0] === 12 && levels[1] === 8) ||
      (doc.state === 'draft' && levels[0] === 20 && levels[1] === 0);
    while (!settled() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      doc = await stateOf();
      levels = [await onHand(from), await onHand(to)];
    }
    expect({ state: doc.state, levels }).toSatisfy(settled);
    if (doc.state === 'draft') {
      // The client's retry of the post that never answered. The sweep restores the
      // levels before it closes the crashed change's intent: until then the engine
      // answers 409 "in progress", and a client tries again (on busy CI cores the
      // retry came in between).
      const url = `/api/documents/stock_transfer/${transfer.id}/transitions/post`;
      const post = () => second.call<Doc & { reason?: string }>('POST', url, { version: doc.version });
      const retryUntil = Date.now() + 30_000;
      let retried = await post();
      while (retried.status === 409 && retried.body.reason === 'in_progress' && Date.now() < retryUntil) {
        await new Promise((r) => setTimeout(r, 200));
        retried = await post();
      }
      expect(retried.status, JSON.stringify(retried.body)).toBe(200);
      expect(retried.body.state).toBe('posted');
    }

    expect([await onHand(from), await onHand(to)]).toEqual([12, 8]);
    const ledger = async (warehouse: Doc): Promise<Move[]> =>
      (await second.call<Move[]>('GET', `/api/inventory/ledger?product=${product.id}&warehouse=${warehouse.id}`)).body;
    const out = await ledger(from);
    const into = await ledger(to);
    // The running balance ends at the level, and the transfer's own moves net to one transfer.
    expect(out[out.length - 1].balance).toBe(12);
    expect(into[into.length - 1].balance).toBe(8);
    const net = (moves: Move[]): number =>
      moves.filter((m) => m.ref.id === transfer.id).reduce((sum, m) => sum + m.delta.onHand, 0);
    expect(net(out)).toBe(-8);
    expect(net(into)).toBe(8);
    expect(
      into.filter((m) => m.kind === 'transfer_in').length - into.filter((m) => m.kind === 'compensate').length,
    ).toBe(1);

    // Still once after the sweep has had more chances to run.
    await new Promise((r) => setTimeout(r, 2_500));
    expect([await onHand(from), await onHand(to)]).toEqual([12, 8]);
  });

  it('ignores the crash hook unless NODE_ENV=test', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jxc-crash-'));
    dirs.push(dir);
    const live = await engine({
      DATA_DIR: dir,
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      NODE_ENV: 'production',
      JXC_TEST_CRASH_AFTER_TRANSFER_LEG: '1',
    });
    const create = async (type: string, data: Record<string, unknown>): Promise<Doc> =>
      (await live.call<Doc>('POST', `/api/documents/${type}`, { data })).body;
    const from = await create('warehouse', { code: 'W1', name: '总仓' });
    const to = await create('warehouse', { code: 'W2', name: '门店' });
    const supplier = await create('supplier', { code: 'S1', name: '供应商' });
    const product = await create('product', { sku: 'CR-002', name: '镜布', unit: '块', price: 5 });
    const receipt = await create('goods_receipt', {
      supplier: supplier.id,
      warehouse: from.id,
      receiptDate: '2026-11-20',
      lines: [{ product: product.id, acceptedQty: 5 }],
    });
    expect(
      (
        await live.call('POST', `/api/documents/goods_receipt/${receipt.id}/transitions/post`, {
          version: receipt.version,
        })
      ).status,
    ).toBe(200);
    const transfer = await create('stock_transfer', {
      fromWarehouse: from.id,
      toWarehouse: to.id,
      transferDate: '2026-11-21',
      lines: [{ product: product.id, qty: 2 }],
    });
    const posted = await live.call<Doc>('POST', `/api/documents/stock_transfer/${transfer.id}/transitions/post`, {
      version: transfer.version,
    });
    expect(posted.status).toBe(200);
    expect(posted.body.state).toBe('posted');
    expect(live.process.child.exitCode).toBeNull();
    expect(live.process.child.signalCode).toBeNull();
  });
});
