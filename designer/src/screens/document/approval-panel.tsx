// "Which levels apply and why": the engine's explanation of the approval the
// document is waiting in (POST /api/approvals/explain), level by level with the
// rule that decided it and who may approve.
import { Card, Descriptions, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import type { Definition, DocumentView, Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';

interface Explanation {
  levels: Array<{
    key: string;
    label: Partial<Record<Locale, string>>;
    applies: boolean;
    why: { text: string; holds: boolean };
    approvers: { roles: string[]; users: string[] };
    candidates: Array<{ username: string }>;
  }>;
}

export function ApprovalPanel({ definition, doc }: { definition: Definition; doc: DocumentView }) {
  const { t, pick } = useI18n();
  const approval = doc.approval;
  const explained = useAsync(
    () =>
      approval
        ? api<Explanation>('POST', '/api/approvals/explain', {
            type: doc.type,
            id: doc.id,
            transition: approval.transition,
          })
        : Promise.resolve(null),
    [doc.id, doc.version, approval?.transition],
  );
  if (!approval) return null;
  const openKey = approval.status === 'pending' ? approval.levels[approval.current] : undefined;
  const transition = definition.transitions.find((tr) => tr.key === approval.transition);
  const openLabel = transition?.approval?.levels.find((l) => l.key === openKey)?.label;
  return (
    <Card size="small" title={t('approvalPanel')} className="approval-panel" data-approval-level={openKey}>
      {openKey && (
        <Typography.Paragraph strong>{t('waitingFor', { level: pick(openLabel, openKey) })}</Typography.Paragraph>
      )}
      {explained.data && (
        <Descriptions size="small" column={1} bordered>
          {explained.data.levels.map((level) => (
            <Descriptions.Item key={level.key} label={pick(level.label, level.key)}>
              <Tag color={level.applies ? 'orange' : 'default'}>
                {level.applies ? t('levelApplies') : t('levelSkipped')}
              </Tag>
              <code className="rule-text">{level.why.text}</code>
              {level.applies && (
                <div className="muted">
                  {t('approvers')}: {[...level.approvers.roles, ...level.candidates.map((c) => c.username)].join('、')}
                </div>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}
