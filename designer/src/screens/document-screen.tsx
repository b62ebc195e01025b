// One document: number, coloured state and total up top, the transitions the
// user may take, the data in the generated form (read-only), and its history.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { loadDefinition } from '../api/definitions';
import type { Definition, DocumentView, SessionUser } from '../api/types';
import { useAsync } from '../api/use-async';
import { HistoryTimeline } from '../components/history-timeline';
import { StateBadge } from '../components/state-badge';
import { TransitionBar } from '../components/transition-bar';
import { GeneratedForm } from '../form/generated-form';
import { refLabel } from '../form/ref-options';
import { formatMoney } from '../format';
import { useI18n } from '../i18n/locale';
import { hrefFor } from '../routes';

function ApprovalNote({ definition, doc }: { definition: Definition; doc: DocumentView }) {
  const { t, pick } = useI18n();
  if (doc.approval?.status !== 'pending') return null;
  const transition = definition.transitions.find((tr) => tr.key === doc.approval?.transition);
  const levelKey = doc.approval.levels[doc.approval.current];
  const level = transition?.approval?.levels.find((l) => l.key === levelKey);
  return (
    <p className="alert info" data-approval-level={levelKey}>
      {t('awaitingApproval')}: {pick(level?.label, levelKey)}
    </p>
  );
}

export function DocumentScreen({ type, id, user }: { type: string; id: string; user: SessionUser }) {
  const { t, pick, locale } = useI18n();
  const loaded = useAsync(async () => {
    const doc = await api<DocumentView>('GET', `/api/documents/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
    return { doc, definition: await loadDefinition(type, doc.definitionVersion) };
  }, [type, id]);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  useEffect(() => setDoc(loaded.data?.doc ?? null), [loaded.data]);
  if (loaded.error) return <p className="alert error">{loaded.error.message}</p>;
  if (!loaded.data || !doc) return <p className="muted">{t('loading')}</p>;
  const { definition } = loaded.data;
  const total = doc.data.total;

  return (
    <div className="document-screen">
      <header className="screen-head">
        <h1>
          {pick(definition.title, definition.key)} {/* Master data is numbered by its id; its code and name say more. */}
          <span className="doc-number">{definition.category === 'master' ? refLabel(doc) : doc.number}</span>
        </h1>
        <a className="btn" href={hrefFor({ name: 'list', type })}>
          {t('back')}
        </a>
      </header>
      <dl className="summary">
        <div>
          <dt>{t('state')}</dt>
          <dd className="doc-state">
            <StateBadge definition={definition} state={doc.state} />
          </dd>
        </div>
        {typeof total === 'number' && (
          <div>
            <dt>{t('total')}</dt>
            <dd className="doc-total">{formatMoney(total, locale)}</dd>
          </div>
        )}
        <div>
          <dt>{t('version')}</dt>
          <dd>{doc.version}</dd>
        </div>
      </dl>
      <ApprovalNote definition={definition} doc={doc} />
      <TransitionBar definition={definition} doc={doc} user={user} onDone={setDoc} />
      <GeneratedForm key={doc.version} definition={definition} initialData={doc.data} readonly />
      <HistoryTimeline definition={definition} doc={doc} />
    </div>
  );
}
