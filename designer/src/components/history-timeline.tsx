// GET …/:id/history: who did what, when, from which state to which.
import { api } from '../api/client';
import type { Definition, DocumentView, HistoryEntry } from '../api/types';
import { useAsync } from '../api/use-async';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n/locale';
import { StateBadge } from './state-badge';

export function HistoryTimeline({ definition, doc }: { definition: Definition; doc: DocumentView }) {
  const { t, pick, locale } = useI18n();
  const history = useAsync(
    () => api<{ items: HistoryEntry[] }>('GET', `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}/history`),
    [doc.type, doc.id, doc.version],
  );
  const what = (entry: HistoryEntry) => {
    if (entry.kind === 'created') return t('created');
    const tr = definition.transitions.find((x) => x.key === entry.transition);
    return tr ? pick(tr.label, tr.key) : (entry.transition ?? entry.kind);
  };
  return (
    <section className="history">
      <h2>{t('history')}</h2>
      {history.error && <p className="alert error">{history.error.message}</p>}
      <ol className="timeline">
        {(history.data?.items ?? []).map((entry) => (
          <li key={entry.seq} data-seq={entry.seq}>
            <div className="timeline-head">
              <strong>{what(entry)}</strong>
              {entry.from && entry.from !== entry.to && (
                <>
                  <StateBadge definition={definition} state={entry.from} /> →
                </>
              )}
              <StateBadge definition={definition} state={entry.to} />
            </div>
            <div className="muted">
              {formatDateTime(entry.at, locale)} · {t('by')} {entry.actor?.username ?? '—'}
            </div>
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
          </li>
        ))}
      </ol>
    </section>
  );
}
