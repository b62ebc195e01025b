// An audit entry's details as lines a reader follows: "角色: 销售员 → 销售员、采购经理"
// for a change (a `from`/`to` pair, or `before`/`after` objects, key by key), and
// "原因: 密码错误" for the rest — labels and values in the reader's language, roles
// and document types by their names, never the stored JSON.
import type { Locale } from '../../api/types';
import { formatDateTime, listText } from '../../format';
import { DETAIL_KEYS, DETAIL_VALUES, PAIRS, SAID_ELSEWHERE, say } from './audit-text';

type Text = readonly [string, string];

/** Keys whose meaning depends on the action. */
const KEYS_BY_ACTION: Record<string, Record<string, Text>> = {
  'approval.delegation.created': { to: ['受托人', 'Delegate'], from: ['开始', 'From'] },
};

export interface DetailNames {
  locale: Locale;
  role(key: string): string;
  definition(key: string): string;
}

export interface DetailLine {
  label: string;
  before?: string;
  value: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueText(value: unknown, key: string, names: DetailNames): string {
  const { locale } = names;
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value))
    return listText(
      value.map((v) => valueText(v, key, names)),
      locale,
    );
  if (typeof value === 'boolean') return say(value ? ['是', 'yes'] : ['否', 'no'], locale, '');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (key === 'roles') return names.role(value);
    if (key === 'key' || key === 'definitions') return names.definition(value);
    if (ISO.test(value)) return formatDateTime(value, locale);
    return say(DETAIL_VALUES[value], locale, value);
  }
  if (isObject(value)) {
    // A label in both languages ({zh-CN, en}), a definition summary ({key, …}), else its fields.
    if (typeof value['zh-CN'] === 'string') return String(value[locale] ?? value['zh-CN']);
    if (typeof value.key === 'string') return names.definition(value.key);
    return Object.entries(value)
      .map(([k, v]) => `${say(DETAIL_KEYS[k], locale, k)} ${valueText(v, k, names)}`)
      .join(locale === 'zh-CN' ? '，' : ', ');
  }
  return String(value);
}

export function detailLines(action: string, details: Record<string, unknown>, names: DetailNames): DetailLine[] {
  const { locale } = names;
  const label = (key: string) => say(KEYS_BY_ACTION[action]?.[key] ?? DETAIL_KEYS[key], locale, key);
  const lines: DetailLine[] = [];
  const rest = { ...details };
  for (const key of [...SAID_ELSEWHERE['*'], ...(SAID_ELSEWHERE[action] ?? [])]) delete rest[key];
  // No findings is the usual case, not news.
  if (rest.warnings === 0) delete rest.warnings;
  const pair = PAIRS[action];
  if (pair && pair.to in rest) {
    const before = rest[pair.from];
    const first = before === null || before === undefined;
    if (!(first && pair.onlyChanges))
      lines.push({
        label: label(pair.key),
        before: first ? undefined : valueText(before, pair.key, names),
        value: valueText(rest[pair.to], pair.key, names),
      });
    delete rest[pair.from];
    delete rest[pair.to];
  }
  if ('after' in rest && isObject(rest.after)) {
    const before = isObject(rest.before) ? rest.before : {};
    const after = rest.after;
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      lines.push({
        label: label(key),
        before: valueText(before[key], key, names),
        value: valueText(after[key], key, names),
      });
    }
    delete rest.before;
    delete rest.after;
  }
  for (const [key, value] of Object.entries(rest))
    lines.push({ label: label(key), value: valueText(value, key, names) });
  return lines;
}

export function AuditDetails({ lines }: { lines: DetailLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="audit-details">
      {lines.map((l, i) => (
        <li key={i}>
          <span className="audit-detail-label">{l.label}:</span>{' '}
          {l.before !== undefined && (
            <>
              <span className="audit-before">{l.before}</span> →{' '}
            </>
          )}
          <span className="audit-after">{l.value}</span>
        </li>
      ))}
    </ul>
  );
}
