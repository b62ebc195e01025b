// Definitions, fetched once per session: the list answer carries every latest
// definition whole. A document made under an older version is shown with that
// version (its states or fields may differ), fetched on demand.
import { api } from './client';
import type { Definition, DefinitionSummary } from './types';

let latest: Promise<DefinitionSummary[]> | null = null;
const older = new Map<string, Promise<Definition>>();

export function loadDefinitions(): Promise<DefinitionSummary[]> {
  latest ??= api<{ items: DefinitionSummary[] }>('GET', '/api/definitions').then(
    (body) => body.items,
    (err: unknown) => {
      latest = null;
      throw err;
    },
  );
  return latest;
}

export async function loadDefinition(key: string, version?: number): Promise<Definition> {
  const summary = (await loadDefinitions()).find((d) => d.key === key);
  if (summary && (version === undefined || summary.version === version))
    return { ...summary.definition, version: summary.version };
  const id = `${key}@${version ?? 'latest'}`;
  let found = older.get(id);
  if (!found) {
    found = api<Definition>(
      'GET',
      `/api/definitions/${encodeURIComponent(key)}${version === undefined ? '' : `?version=${version}`}`,
    );
    older.set(id, found);
    // A failed load is tried again next time; the caller still gets the error.
    found.catch(() => older.delete(id));
  }
  return found;
}

export function forgetDefinitions(): void {
  latest = null;
  older.clear();
}
