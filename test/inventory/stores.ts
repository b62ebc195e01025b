// Runs an inventory suite on both store adapters: the embedded store in a temp dir
// and the MongoDB adapter on the FerretDB (or MONGODB_URI) the test set-up provides.
// Under CI=true the MongoDB half never skips (requireService throws instead).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { ensureInventoryIndexes } from '../../engine/inventory/indexes';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import { newId } from '../../engine/store/ids';
import { openMongoStore } from '../../engine/store/mongodb/index';
import type { Store } from '../../engine/store/types';
import { dropDatabase } from '../support/backends';
import { mongoUri, requireService } from '../support/services';

export type StoreGetter = () => Store;

export function onEveryStore(title: string, suite: (store: StoreGetter) => void): void {
  describe(`${title} (embedded store)`, () => {
    let store: Store;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'jxc-inventory-'));
      store = await openEmbeddedStore({ dataDir: dir, fsync: false });
      await ensureInventoryIndexes(store);
    });
    afterAll(async () => {
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    });
    suite(() => store);
  });

  const uri = mongoUri();
  describe.runIf(requireService('MongoDB-compatible server (FerretDB or MONGODB_URI)', uri))(
    `${title} (mongodb store)`,
    () => {
      let store: Store;
      const dbName = `inventory_${newId()}`;
      beforeAll(async () => {
        store = await openMongoStore({ uri: uri as string, dbName });
        await ensureInventoryIndexes(store);
      });
      afterAll(async () => {
        await store?.close();
        await dropDatabase(uri as string, dbName);
      });
      suite(() => store);
    },
  );
}

/** Fresh ids per test, so tests sharing one store never see each other's stock. */
export function fresh(): { product: string; product2: string; warehouse: string; warehouse2: string } {
  return { product: newId(), product2: newId(), warehouse: newId(), warehouse2: newId() };
}

export const orderRef = (id = newId()) => ({ type: 'sales_order', id, number: `SO-${id.slice(-6)}` });
