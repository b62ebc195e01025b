// The transitions the signed-in user may take from the document's state. One that
// requires a reason or comment asks for it first. The server re-checks everything
// (roles, guards, the version); this only hides buttons that would surely fail.
import { useState } from 'react';
import { api } from '../api/client';
import type { Definition, DocumentView, SessionUser } from '../api/types';
import { useI18n } from '../i18n/locale';

type Transition = Definition['transitions'][number];

export function allowedTransitions(definition: Definition, doc: DocumentView, user: SessionUser): Transition[] {
  return definition.transitions.filter(
    (tr) =>
      tr.from.includes(doc.state) &&
      user.roles.some((role) => tr.roles.includes(role) || definition.permissions?.[role]?.transitions?.includes(tr.key)),
  );
}

interface Props {
  definition: Definition;
  doc: DocumentView;
  user: SessionUser;
  onDone(doc: DocumentView): void;
}

export function TransitionBar({ definition, doc, user, onDone }: Props) {
  const { t, pick } = useI18n();
  const [asking, setAsking] = useState<Transition | null>(null);
  const [inputs, setInputs] = useState({ reason: '', comment: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const transitions = allowedTransitions(definition, doc, user);
  if (transitions.length === 0) return null;

  const run = async (tr: Transition) => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { version: doc.version };
    for (const field of tr.requires ?? []) body[field] = inputs[field].trim();
    try {
      const next = await api<DocumentView>('POST', `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}/transitions/${tr.key}`, body);
      setAsking(null);
      setInputs({ reason: '', comment: '' });
      onDone(next);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const start = (tr: Transition) => {
    if (tr.requires?.length) setAsking(tr);
    else void run(tr);
  };

  return (
    <section className="transitions" aria-label={t('actions')}>
      <div className="button-row">
        {transitions.map((tr) => (
          <button key={tr.key} type="button" className="btn primary" data-transition={tr.key} disabled={busy} onClick={() => start(tr)}>
            {pick(tr.label, tr.key)}
          </button>
        ))}
      </div>
      {asking && (
        <form
          className="card transition-inputs"
          onSubmit={(e) => {
            e.preventDefault();
            void run(asking);
          }}
        >
          <strong>{pick(asking.label, asking.key)}</strong>
          {(asking.requires ?? []).map((field) => (
            <label key={field}>
              {t(field)}
              <textarea name={field} required value={inputs[field]} onChange={(e) => setInputs({ ...inputs, [field]: e.target.value })} />
            </label>
          ))}
          <div className="button-row">
            <button type="submit" className="btn primary" disabled={busy}>
              {t('confirm')}
            </button>
            <button type="button" className="btn" onClick={() => setAsking(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
