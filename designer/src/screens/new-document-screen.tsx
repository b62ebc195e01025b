// A new document from the generated form: POST /api/documents/:type, then the
// saved document's page. Field errors from the server go next to their fields.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { loadDefinition } from '../api/definitions';
import type { DocumentView, FieldError } from '../api/types';
import { useAsync } from '../api/use-async';
import { GeneratedForm } from '../form/generated-form';
import { forgetRefOptions } from '../form/ref-options';
import { useI18n } from '../i18n/locale';
import { useNavigate } from 'react-router';
import { hrefFor, pathFor } from '../routes';

export function NewDocumentScreen({ type }: { type: string }) {
  const { t, pick } = useI18n();
  const definition = useAsync(() => loadDefinition(type), [type]);
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; errors: FieldError[] } | null>(null);
  if (definition.error) return <p className="alert error">{definition.error.message}</p>;
  if (!definition.data) return <p className="muted">{t('loading')}</p>;
  const def = definition.data;

  const create = async (data: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const doc = await api<DocumentView>('POST', `/api/documents/${encodeURIComponent(type)}`, { data });
      forgetRefOptions(type);
      navigate(pathFor({ name: 'document', type, id: doc.id }));
    } catch (err) {
      if (!(err instanceof ApiError)) console.error('creating the document failed', err);
      setProblem({ message: err instanceof Error ? err.message : String(err), errors: err instanceof ApiError ? err.errors : [] });
      setBusy(false);
    }
  };

  return (
    <div className="new-document">
      <header className="screen-head">
        <h1>
          {t('newDocument')} · {pick(def.title, def.key)}
        </h1>
        <a className="btn" href={hrefFor({ name: 'list', type })}>
          {t('back')}
        </a>
      </header>
      {problem && (
        <div className="alert error" role="alert">
          {problem.errors.some((e) => e.path !== '') && <strong>{t('fixErrors')}</strong>}
          <p>{problem.message}</p>
        </div>
      )}
      <GeneratedForm
        definition={def}
        busy={busy}
        submitLabel={busy ? t('saving') : t('save')}
        serverErrors={problem?.errors.filter((e) => e.path !== '')}
        onSubmit={(data) => void create(data)}
      />
    </div>
  );
}
