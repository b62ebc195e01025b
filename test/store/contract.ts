// The store contract: every adapter (embedded, mongodb on MongoDB or FerretDB)
// registers this one suite. It only uses the Store port, never adapter internals,
// and every test works in its own fresh collection so the suite can share a
// database with other runs. The sections live in ./contract/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../engine/store/ids';
import type { Store } from '../../engine/store/types';
import { aggregateContract } from './contract/aggregate';
import type { ContractContext, Item } from './contract/context';
import { indexContract } from './contract/indexes';
import { readContract } from './contract/read';
import { valueContract } from './contract/values';
import { writeContract } from './contract/write';

export function storeContract(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const ctx: ContractContext = { fresh: () => store.collection<Item>(`contract_${newId()}`) };

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    describe('basics', () => {
      it('answers ping', async () => {
        expect(await store.ping()).toBe(true);
      });

      it('names its collections', () => {
        expect(store.collection('contract_named').name).toBe('contract_named');
      });
    });

    readContract(ctx);
    writeContract(ctx);
    indexContract(ctx);
    aggregateContract(ctx);
    valueContract(ctx);
  });
}
