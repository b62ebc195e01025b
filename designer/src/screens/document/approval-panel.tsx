// "Which levels apply and why": the engine's explanation of the approval the
// document is waiting in (POST /api/approvals/explain), level by level with the
// rule that decided it and who may approve. The rule reads in the user's words:
// `data.total` becomes the field's label ("订单总额 15,000.00 ≥ 10000"), a related
// document's field its two labels, and roles their names.
import { Card, Descriptions, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { Definition, DocumentView, Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { fieldTitle } from '../../form/localize-schema';
import { listText } from '../../format';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/locale';
import { zhCN } from '../../i18n/resources/zh-CN';

interface Explanation {
  levels: Array<{
    key: string;
    label: Partial<Record<Locale, string>>;
    applies: boolean;
    why: { text: string; holds: boolean; vars?: Record<string, unknown> };
    approvers: { roles: string[]; users: string[] };
    candidates: Array<{ username: string }>;
  }>;
}

/** Labels of the paths a rule reads: `data.total` → 订单总额, `related.customer.creditLevel` → 客户 · 信用等级. */
async function pathLabels(definition: Definition, paths: string[], locale: Locale): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  for (const path of paths) {
    const [root, name, field] = path.split('.');
    if (root === 'data' && name) labels.set(path, fieldTitle(definition, name, locale));
    const related = root === 'related' && name ? definition.related?.[name] : undefined;
    if (related && field) {
      const target = await loadDefinition(related.type).catch(() => null);
      const owner = fieldTitle(definition, related.field.split(/[.[]/)[0], locale);
      labels.set(path, `${owner} · ${target ? fieldTitle(target, field, locale) : field}`);
    }
  }
  return labels;
}

/** The rule's text with each path it reads replaced by its label, longest paths first, and/or in the language. */
function readable(text: string, labels: Map<string, string>, locale: Locale): string {
  let out = text;
  for (const [path, label] of [...labels].sort((a, b) => b[0].length - a[0].length)) out = out.split(path).join(label);
  return locale === 'zh-CN' ? out.replace(/ or /g, ' 或 ').replace(/ and /g, ' 且 ') : out;
}

export function ApprovalPanel({ definition, doc }: { definition: Definition; doc: DocumentView }) {
  const { t, pick, locale } = useI18n();
  const approval = doc.approval;
  const explained = useAsync(async () => {
    if (!approval) return null;
    const explanation = await api<Explanation>('POST', '/api/approvals/explain', {
      type: doc.type,
      id: doc.id,
      transition: approval.transition,
    });
    const paths = explanation.levels.flatMap((l) => Object.keys(l.why.vars ?? {}));
    return { explanation, labels: await pathLabels(definition, [...new Set(paths)], locale) };
  }, [doc.id, doc.version, approval?.transition, locale]);
  if (!approval) return null;
  const openKey = approval.status === 'pending' ? approval.levels[approval.current] : undefined;
  const transition = definition.transitions.find((tr) => tr.key === approval.transition);
  const openLabel = transition?.approval?.levels.find((l) => l.key === openKey)?.label;
  // Built-in roles by name; a role an admin added shows its key.
  const roleName = (role: string) => {
    const key = `role_${role}`;
    return key in zhCN ? t(key as MessageKey) : role;
  };
  const labels = explained.data?.labels ?? new Map<string, string>();
  return (
    <Card size="small" title={t('approvalPanel')} className="approval-panel" data-approval-level={openKey}>
      {openKey && (
        <Typography.Paragraph strong>{t('waitingFor', { level: pick(openLabel, openKey) })}</Typography.Paragraph>
      )}
      {explained.data && (
        <Descriptions size="small" column={1} bordered>
          {explained.data.explanation.levels.map((level) => (
            <Descriptions.Item key={level.key} label={pick(level.label, level.key)}>
              <Tag color={level.applies ? 'orange' : 'default'}>
                {level.applies ? t('levelApplies') : t('levelSkipped')}
              </Tag>
              <span className="rule-text">
                {level.why.text === '(always)' ? t('ruleAlways') : readable(level.why.text, labels, locale)}
              </span>
              {level.applies && (
                <div className="muted">
                  {t('approvers')}:{' '}
                  {listText(
                    [...level.approvers.roles.map(roleName), ...level.candidates.map((c) => c.username)],
                    locale,
                  )}
                </div>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}
