// Indexes of a type's documents collection: the engine's own (unique number, the
// list's default order, state) plus the definition's `indexes`. Creating an index
// that exists is a no-op, so this runs on every publish and built-in load.
import type { Definition } from '../definitions/index';
import type { Store } from '../store/index';
import { documentsCollection } from './document-record';

const storePath = (docPath: string): string => (docPath === 'id' ? '_id' : docPath);

export async function ensureDocumentIndexes(store: Store, def: Pick<Definition, 'key' | 'indexes'>): Promise<void> {
  const docs = documentsCollection(store, def.key);
  await docs.createIndex({ name: 'type_number', keys: { type: 1, number: 1 }, unique: true });
  await docs.createIndex({ name: 'created', keys: { createdAt: -1, _id: -1 } });
  await docs.createIndex({ name: 'state_created', keys: { state: 1, createdAt: -1 } });
  await docs.createIndex({ name: 'created_by', keys: { createdBy: 1, createdAt: -1 } });
  for (const index of def.indexes ?? []) {
    const keys = Object.fromEntries(Object.entries(index.keys).map(([path, dir]) => [storePath(path), dir]));
    const name = `def_${Object.entries(keys)
      .map(([path, dir]) => `${path.replace(/\./g, '_')}_${dir}`)
      .join('_')}${index.unique ? '_u' : ''}`;
    await docs.createIndex({ name, keys, unique: index.unique === true });
  }
}
