// Shared assertions: the ledger agrees with the levels.
import { expect } from 'vitest';
import { getLedger, getLevels } from '../../engine/inventory/queries';
import type { Store } from '../../engine/store/types';

const key = (batch?: string) => batch ?? '';

/**
 * The last running balance equals the summed onHand of the levels, and per
 * level every move's before/after chain is unbroken and ends at the level.
 */
export async function expectLedgerMatchesLevels(store: Store, product: string, warehouse: string): Promise<void> {
  const levels = await getLevels({ store, product, warehouse });
  const ledger = await getLedger({ store, product, warehouse });
  const total = levels.reduce((sum, l) => sum + l.onHand, 0);
  expect(ledger.length === 0 ? 0 : ledger[ledger.length - 1].balance).toBeCloseTo(total, 9);
  const last = new Map<string, { onHand: number; reserved: number; incoming: number }>();
  for (const move of ledger) {
    const previous = last.get(key(move.batch)) ?? { onHand: 0, reserved: 0, incoming: 0 };
    expect({ onHand: move.before.onHand, reserved: move.before.reserved, incoming: move.before.incoming }).toEqual(
      previous,
    );
    expect(move.after.available).toBeCloseTo(move.after.onHand - move.after.reserved, 9);
    last.set(key(move.batch), {
      onHand: move.after.onHand,
      reserved: move.after.reserved,
      incoming: move.after.incoming,
    });
  }
  for (const level of levels) {
    const end = last.get(key(level.batch)) ?? { onHand: 0, reserved: 0, incoming: 0 };
    expect({ onHand: level.onHand, reserved: level.reserved, incoming: level.incoming }).toEqual(end);
    expect(level.available).toBeCloseTo(level.onHand - level.reserved, 9);
    expect(level.projected).toBeCloseTo(level.available + level.incoming, 9);
  }
}

/** The single batch-less level of product × warehouse (zeros when it does not exist). */
export async function levelOf(store: Store, product: string, warehouse: string) {
  const [level] = await getLevels({ store, product, warehouse });
  return level ?? { product, warehouse, onHand: 0, reserved: 0, incoming: 0, available: 0, projected: 0 };
}
