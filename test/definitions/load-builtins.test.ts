import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_DIR, loadBuiltins } from '../../engine/definitions/load-builtins';
import { publishDefinition } from '../../engine/definitions/publish';
import { createRegistry } from '../../engine/definitions/registry';
import { documentsPort } from '../../engine/documents/index';
import { ensureDefinitionIndexes, latestRecord } from '../../engine/definitions/service';
import { openEmbeddedStore } from '../../engine/store/embedded/index';
import type { Store } from '../../engine/store/types';

describe('loadBuiltins', () => {
  let dir: string;
  let defs: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jxc-builtins-'));
    defs = path.join(dir, 'definitions');
    await mkdir(defs);
    for (const name of ['customer.json', 'warehouse.json']) {
      await writeFile(path.join(defs, name), await readFile(path.join(BUILTIN_DIR, name)));
    }
    store = await openEmbeddedStore({ dataDir: path.join(dir, 'data'), fsync: false });
    await ensureDefinitionIndexes(store);
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bumpCustomer = async (version: number) => {
    const file = path.join(defs, 'customer.json');
    const def = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...def, version }));
  };

  it('publishes on first start and leaves unchanged files alone afterwards', async () => {
    const first = await loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs);
    const customerVersion = JSON.parse(await readFile(path.join(BUILTIN_DIR, 'customer.json'), 'utf8')).version;
    expect(first.published.map((p) => `${p.key}@${p.version}`).sort()).toEqual([
      `customer@${customerVersion}`,
      'warehouse@1',
    ]);
    const second = await loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs);
    expect(second.published).toEqual([]);
    expect(second.unchanged.sort()).toEqual(['customer', 'warehouse']);
    expect((await latestRecord(store, 'customer'))?.source).toBe('builtin');
  });

  it('upgrades when the file version is newer, never over a newer stored version', async () => {
    await loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs);
    const shipped = JSON.parse(await readFile(path.join(defs, 'customer.json'), 'utf8')).version as number;
    await bumpCustomer(shipped + 1);
    const upgraded = await loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs);
    expect(upgraded.published).toEqual([{ key: 'customer', version: shipped + 1 }]);
    expect((await latestRecord(store, 'customer'))?.version).toBe(shipped + 1);

    // An admin publishes the next version through the API; a file at that version does not replace it.
    const registry = createRegistry(store, { documents: documentsPort });
    const body = JSON.parse(await readFile(path.join(defs, 'customer.json'), 'utf8'));
    await publishDefinition(store, registry, {
      body,
      key: 'customer',
      source: 'api',
      actor: { id: 'u1', username: 'admin' },
    });
    await bumpCustomer(shipped + 2);
    const again = await loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs);
    expect(again.published).toEqual([]);
    expect((await latestRecord(store, 'customer'))?.source).toBe('api');
  });

  it('fails start-up loudly when a built-in does not lint', async () => {
    await writeFile(
      path.join(defs, 'broken.json'),
      JSON.stringify({ key: 'broken', title: { 'zh-CN': '坏', en: 'Broken' } }),
    );
    await expect(loadBuiltins(store, createRegistry(store, { documents: documentsPort }), defs)).rejects.toThrow(
      /broken\.json/,
    );
  });
});
