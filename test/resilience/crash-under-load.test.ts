// The engine on the embedded store is SIGKILLed in the middle of mixed load (32
// connections creating, editing, submitting and approving orders, listing and
// exporting), then started again on the same DATA_DIR: every write it had
// acknowledged is there with the version it answered, and the stock level equals
// the ledger (a stock operation the kill cut in half is finished by the restart).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startEngine, waitForHealth, type EngineProcess } from '../support/engine-process';
import { mixedLoad, seed, stockAgainstLedger, verifyAcked } from './load';

const ADMIN_PASSWORD = 'Resil-Admin-2026-xyz';
const STOCK = 1_000_000;
/** Acknowledged writes to wait for before the kill: enough that the kill lands mid-stream. */
const WRITES_BEFORE_KILL = 120;

let dataDir = '';
const running: EngineProcess[] = [];

afterAll(async () => {
  for (const e of running) {
    if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
    await e.exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function engine(): Promise<EngineProcess> {
  const e = await startEngine({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    // A stock operation a dead process left half-done is finished a second after the restart.
    INVENTORY_LEASE_MS: '1000',
  });
  running.push(e);
  await waitForHealth(e, 100_000);
  return e;
}

it('keeps every acknowledged write and a level equal to the ledger across a SIGKILL under load', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'jxc-crash-load-'));
  const first = await engine();
  const fx = await seed(`http://127.0.0.1:${first.port}`, ADMIN_PASSWORD, STOCK);
  const load = mixedLoad(fx, 32);
  const writes = () => [...load.acked.values()].reduce((n, a) => n + a.version, 0);
  const deadline = Date.now() + 60_000;
  while (writes() < WRITES_BEFORE_KILL) {
    if (Date.now() > deadline) throw new Error(`only ${writes()} writes acknowledged: ${JSON.stringify(load.counts)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  first.child.kill('SIGKILL');
  await first.exited;
  load.stop();
  await load.done;

  const second = await engine();
  fx.base = `http://127.0.0.1:${second.port}`;
  const wrong = await verifyAcked(fx, load.acked);
  const inFlight = [...load.acked.values()].filter((a) => a.inFlight).length;
  console.log(
    `crash under load: ${load.counts.requests} requests (${load.counts.unanswered} cut off by the kill), ` +
      `${load.acked.size} orders with ${writes()} acknowledged writes verified (${inFlight} in flight at the kill), ` +
      `${wrong.length} wrong, 5xx = ${load.counts.serverErrors}`,
  );
  expect(wrong).toEqual([]);
  expect(load.counts.serverErrors).toBe(0);

  // The level equals the ledger once the restart has finished what the kill cut off.
  const until = Date.now() + 30_000;
  let stock = await stockAgainstLedger(fx);
  while (stock.level.onHand !== stock.ledgerEnd.onHand || stock.level.reserved !== stock.ledgerEnd.reserved) {
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 200));
    stock = await stockAgainstLedger(fx);
  }
  console.log(`crash under load: level ${JSON.stringify(stock.level)}, ledger end ${JSON.stringify(stock.ledgerEnd)}`);
  expect({ onHand: stock.level.onHand, reserved: stock.level.reserved }).toEqual({
    onHand: stock.ledgerEnd.onHand,
    reserved: stock.ledgerEnd.reserved,
  });
  expect(stock.ledgerEnd.balance).toBe(stock.level.onHand);
  expect(stock.level.available).toBe(stock.level.onHand - stock.level.reserved);
}, 240_000);
