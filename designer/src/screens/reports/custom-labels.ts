// A saved (custom) report groups by data fields the engine names by key
// ("warehouse") and fills with ids. Here those columns get the field's label from
// the definition, and referenced ids the code and name a user knows.
import { loadDefinition } from '../../api/definitions';
import type { Locale } from '../../api/types';
import { loadRefLabel } from '../../form/ref-options';
import type { ReportKindView, RunView } from './report-api';

type Node = Record<string, unknown>;

/** The schema node of `warehouse` or `lines.product`, and the type it references. */
function fieldOf(schema: Node, path: string): { title?: Record<Locale, string>; ref?: string } {
  let node: Node | undefined = schema;
  for (const segment of path.split('.')) {
    if (node?.type === 'array') node = node.items as Node | undefined;
    node = (node?.properties as Record<string, Node> | undefined)?.[segment];
  }
  return {
    title: node?.['x-title'] as Record<Locale, string> | undefined,
    ref: typeof node?.['x-ref'] === 'string' ? node['x-ref'] : undefined,
  };
}

export async function labelCustomRun(kind: ReportKindView, run: RunView): Promise<RunView> {
  if (!kind.custom || !kind.documentType || !kind.groupBy || !run.result) return run;
  const definition = await loadDefinition(kind.documentType);
  const result = { ...run.result, rows: run.result.rows.map((r) => ({ ...r })) };
  for (const path of kind.groupBy) {
    const key = path.replace(/\./g, '_');
    const { title, ref } = fieldOf(definition.schema, path);
    result.columns = result.columns.map((c) => (c.key === key && title ? { ...c, title } : c));
    if (!ref) continue;
    const ids = [...new Set(result.rows.map((r) => r[key]).filter((v): v is string => typeof v === 'string'))];
    const labels = new Map(
      await Promise.all(ids.map(async (id) => [id, await loadRefLabel(ref, id).catch(() => id)] as const)),
    );
    for (const row of result.rows) if (typeof row[key] === 'string') row[key] = labels.get(row[key]) ?? row[key];
  }
  return { ...run, result };
}
