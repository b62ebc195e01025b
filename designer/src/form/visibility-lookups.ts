// The lookup figures a form's show-when rules read (`lookup.NAME` in a
// `visibleWhen`), asked of the engine (POST /api/documents/:type/lookups) for the
// data typed so far: again only when a value the lookups are keyed on changes
// (the slot, the customer), a moment after typing stops. Until the answer comes
// the rules see no figures; a failed request leaves the last figures in place.
import { useEffect, useMemo, useState } from 'react';
import { lookupsNamedByVisibility } from '../../../engine/rules/index';
import { api } from '../api/client';
import type { Definition } from '../api/types';

type Data = Record<string, unknown>;

const WAIT_MS = 250;

/** The lookups some visibleWhen of the uiSchema names, and the data paths they are keyed on. */
export function visibilityLookupInputs(definition: Definition): { names: string[]; paths: string[] } {
  const named = new Set(
    lookupsNamedByVisibility(
      definition.uiSchema,
      (definition.lookups ?? []).map((l) => l.name),
    ),
  );
  const lookups = (definition.lookups ?? []).filter((l) => named.has(l.name));
  const paths = lookups.flatMap((l) =>
    Object.values(l.match).flatMap((m) => (m && typeof m === 'object' && 'var' in m ? [String(m.var)] : [])),
  );
  return { names: lookups.map((l) => l.name), paths: [...new Set(paths)] };
}

const valueAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Data)[key] : undefined), root);

export function useVisibilityLookups(
  definition: Definition,
  data: Data,
  docId?: string,
): Record<string, unknown> | undefined {
  const inputs = useMemo(() => visibilityLookupInputs(definition), [definition]);
  const [lookup, setLookup] = useState<Record<string, unknown>>();
  const keyed =
    inputs.names.length === 0 ? null : JSON.stringify(inputs.paths.map((p) => valueAt({ data }, p) ?? null));
  // The request carries the data of the moment its key changed; later keystrokes elsewhere do not ask again.
  const [asked, setAsked] = useState<{ keyed: string; data: Data } | null>(null);
  if (keyed !== null && asked?.keyed !== keyed) setAsked({ keyed, data });
  useEffect(() => {
    if (!asked) return;
    let live = true;
    const timer = setTimeout(() => {
      const body = { data: asked.data, ...(docId ? { id: docId } : {}) };
      api<{ lookup: Record<string, unknown> }>('POST', `/api/documents/${definition.key}/lookups`, body)
        .then((answer) => live && setLookup(answer.lookup))
        .catch(() => undefined);
    }, WAIT_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [asked, definition.key, docId]);
  return lookup;
}
