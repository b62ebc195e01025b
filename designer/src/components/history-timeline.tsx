// GET …/:id/history: who did what, when, from which state to which, with the
// changed fields, reasons and comments.
import { Card, Timeline, Typography } from 'antd';
import { api } from '../api/client';
import type { Definition, DocumentView, HistoryEntry } from '../api/types';
import { useAsync } from '../api/use-async';
import { fieldTitle } from '../form/localize-schema';
import { formatDateTime, listText } from '../format';
import { useI18n } from '../i18n/locale';
import { StateBadge } from './state-badge';

type Diff = { op?: string; path?: string; value?: unknown };

const KIND_KEYS: Record<string, 'created' | 'updated' | 'approve' | 'reject'> = {
  created: 'created',
  updated: 'updated',
  approved: 'approve',
  rejected: 'reject',
};

export function HistoryTimeline({ definition, doc }: { definition: Definition; doc: DocumentView }) {
  const { t, pick, locale } = useI18n();
  const history = useAsync(
    () =>
      api<{ items: Array<HistoryEntry & { diff?: Diff[] }> }>(
        'GET',
        `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}/history`,
      ),
    [doc.type, doc.id, doc.version],
  );
  const what = (entry: HistoryEntry) => {
    const tr = definition.transitions.find((x) => x.key === entry.transition);
    if (tr) return pick(tr.label, tr.key);
    const key = KIND_KEYS[entry.kind];
    return key ? t(key) : (entry.transition ?? entry.kind);
  };
  const changed = (diff: Diff[] | undefined) =>
    listText(
      [...new Set((diff ?? []).map((d) => (d.path ?? '').split('/')[1]).filter(Boolean))].map((name) =>
        fieldTitle(definition, name, locale),
      ),
      locale,
    );
  return (
    <Card size="small" title={t('history')} className="history">
      {history.error && <Typography.Text type="danger">{history.error.message}</Typography.Text>}
      <Timeline
        className="timeline"
        items={(history.data?.items ?? []).map((entry) => ({
          key: entry.seq,
          content: (
            <div data-seq={entry.seq} className="timeline-entry">
              <div className="timeline-head">
                <strong>{what(entry)}</strong>{' '}
                {entry.from && entry.from !== entry.to && (
                  <>
                    <StateBadge definition={definition} state={entry.from} /> →{' '}
                  </>
                )}
                <StateBadge definition={definition} state={entry.to} />
              </div>
              <Typography.Text type="secondary">
                {formatDateTime(entry.at, locale)} · {entry.actor?.username ?? '—'}
              </Typography.Text>
              {entry.diff && entry.diff.length > 0 && (
                <div>
                  {t('diff')}: {changed(entry.diff)}
                </div>
              )}
              {entry.reason && (
                <div>
                  {t('reason')}: {entry.reason}
                </div>
              )}
              {entry.comment && (
                <div>
                  {t('comment')}: {entry.comment}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
