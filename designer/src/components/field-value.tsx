// One list column of a document (`number`, `state`, `createdAt`, `data.customer`,
// …) as text: references by their label, choices by their localized title, money
// with 2 decimals ("15,000.00") and quantities as typed.
import type { Definition, DocumentView } from '../api/types';
import { useAsync } from '../api/use-async';
import { loadRefLabel } from '../form/ref-options';
import { fieldTitle } from '../form/localize-schema';
import { formatDateTime, formatFieldNumber } from '../format';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/locale';
import { StateBadge } from './state-badge';

type Node = { [keyword: string]: unknown };

const ENVELOPE: Record<string, MessageKey> = {
  number: 'number',
  state: 'state',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  createdBy: 'createdBy',
  version: 'version',
};

function dataNode(definition: Definition, name: string): Node | undefined {
  const props = definition.schema.properties as Record<string, Node> | undefined;
  return props?.[name];
}

/** Number columns (money, quantities) line up on the right, as figures do on paper. */
export function isNumberColumn(definition: Definition, path: string): boolean {
  if (!path.startsWith('data.')) return false;
  const type = dataNode(definition, path.slice(5))?.type;
  return type === 'number' || type === 'integer';
}

export function useColumnTitle(definition: Definition): (path: string) => string {
  const { t, locale } = useI18n();
  return (path) => {
    if (path.startsWith('data.')) return fieldTitle(definition, path.slice(5), locale);
    const key = ENVELOPE[path];
    return key ? t(key) : path;
  };
}

export function RefText({ type, id }: { type: string; id: string }) {
  const label = useAsync(() => loadRefLabel(type, id), [type, id]);
  return <>{label.data ?? (label.error ? id : '…')}</>;
}

export function FieldValue({ definition, doc, path }: { definition: Definition; doc: DocumentView; path: string }) {
  const { locale, pick } = useI18n();
  if (path === 'state') return <StateBadge definition={definition} state={doc.state} />;
  if (path === 'createdAt' || path === 'updatedAt') return <>{formatDateTime(doc[path], locale)}</>;
  if (!path.startsWith('data.')) {
    const value = (doc as unknown as Record<string, unknown>)[path];
    return <>{value === undefined || value === null ? '' : String(value)}</>;
  }
  const name = path.slice(5);
  const value = doc.data[name];
  const node = dataNode(definition, name);
  if (value === undefined || value === null || value === '') return null;
  if (typeof node?.['x-ref'] === 'string' && typeof value === 'string')
    return <RefText type={node['x-ref']} id={value} />;
  if (Array.isArray(node?.oneOf)) {
    const option = (node.oneOf as Node[]).find((o) => o.const === value);
    if (option)
      return <>{pick(option['x-title'] as Record<string, string> | undefined, String(option.title ?? value))}</>;
  }
  if (typeof value === 'boolean') return <>{value ? '✓' : '—'}</>;
  if (typeof value === 'number') return <>{formatFieldNumber(name, node, value, locale)}</>;
  if (node?.format === 'date-time' && typeof value === 'string') return <>{formatDateTime(value, locale)}</>;
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}
