// Built-in definitions (definitions/*.json) are published on first start and
// upgraded when a file's `version` is newer than the stored latest. Versions an
// admin published through the API are never overwritten: a file only wins when
// its version number is higher. Files may reference each other (a sales order
// creates deliveries, a delivery refers to its order), so each is linted with the
// others in view.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import type { Store } from '../store/index';
import { publishDefinition } from './publish';
import type { DefinitionRegistry } from './registry';
import { latestVersions } from './service';
import type { Definition } from './types';

export const BUILTIN_DIR = fileURLToPath(new URL('../../definitions/', import.meta.url));

interface BuiltinFile {
  file: string;
  body: { key: string; version?: number } & Record<string, unknown>;
}

async function readBuiltins(dir: string): Promise<BuiltinFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const body = JSON.parse(await readFile(file, 'utf8')) as BuiltinFile['body'];
      if (typeof body?.key !== 'string') throw new Error(`${file}: a built-in definition needs a "key"`);
      return { file, body };
    }),
  );
}

export interface LoadResult {
  published: Array<{ key: string; version: number }>;
  unchanged: string[];
}

export async function loadBuiltins(store: Store, registry: DefinitionRegistry, dir = BUILTIN_DIR): Promise<LoadResult> {
  const result: LoadResult = { published: [], unchanged: [] };
  const pending: BuiltinFile[] = [];
  const [builtins, storedVersions] = await Promise.all([readBuiltins(dir), latestVersions(store)]);
  for (const builtin of builtins) {
    const stored = storedVersions.get(builtin.body.key);
    const fileVersion = builtin.body.version ?? 1;
    if (stored !== undefined && stored >= fileVersion) result.unchanged.push(builtin.body.key);
    else pending.push(builtin);
  }
  const companions = pending.map((b) => b.body as unknown as Definition);
  for (const builtin of pending) {
    const version = builtin.body.version ?? 1;
    try {
      await publishDefinition(store, registry, {
        body: builtin.body,
        key: builtin.body.key,
        version,
        source: 'builtin',
        actor: null,
        companions,
      });
      result.published.push({ key: builtin.body.key, version });
    } catch (err) {
      // Another engine replica starting at the same moment published it first.
      if (err instanceof AppError && err.code === 'VERSION_CONFLICT') continue;
      if (err instanceof AppError) {
        const details = (err.errors ?? []).map((x) => `${x.path} ${x.message}`).join('; ');
        throw new Error(
          `Built-in definition ${path.basename(builtin.file)} cannot be published: ${err.message} ${details}`,
          { cause: err },
        );
      }
      throw err;
    }
  }
  return result;
}
