// A type's documents: its `listColumns`, coloured states, search (`q`) and a
// state filter, one page at a time (`cursor`).
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { loadDefinition } from '../api/definitions';
import type { Definition, DocumentPage, DocumentView } from '../api/types';
import { useAsync } from '../api/use-async';
import { FieldValue, useColumnTitle } from '../components/field-value';
import { useI18n } from '../i18n/locale';
import { hrefFor } from '../routes';

const DEFAULT_COLUMNS = ['number', 'state', 'createdAt'];

function pageUrl(type: string, query: { q: string; state: string; cursor?: string }): string {
  const params = new URLSearchParams({ limit: '50' });
  if (query.q) params.set('q', query.q);
  if (query.state) params.set('state', query.state);
  if (query.cursor) params.set('cursor', query.cursor);
  return `/api/documents/${encodeURIComponent(type)}?${params.toString()}`;
}

function DocumentTable({ definition, query }: { definition: Definition; query: { q: string; state: string } }) {
  const { t } = useI18n();
  const columnTitle = useColumnTitle(definition);
  const columns = definition.listColumns?.length ? definition.listColumns : DEFAULT_COLUMNS;
  const [more, setMore] = useState<{ items: DocumentView[]; cursor: string | null } | null>(null);
  const first = useAsync(async () => {
    setMore(null);
    return api<DocumentPage>('GET', pageUrl(definition.key, query));
  }, [definition.key, query.q, query.state]);
  if (first.error) return <p className="alert error">{first.error.message}</p>;
  if (!first.data) return <p className="muted">{t('loading')}</p>;
  const items = [...first.data.items, ...(more?.items ?? [])];
  const cursor = more ? more.cursor : first.data.nextCursor;
  const loadMore = async () => {
    const page = await api<DocumentPage>('GET', pageUrl(definition.key, { ...query, cursor: cursor ?? undefined }));
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
  };
  if (items.length === 0) return <p className="muted">{t('noDocuments')}</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="documents">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{columnTitle(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((doc) => (
              <tr key={doc.id} data-id={doc.id}>
                {columns.map((c, i) => (
                  <td key={c} data-column={c}>
                    {i === 0 ? (
                      <a href={hrefFor({ name: 'document', type: definition.key, id: doc.id })}>
                        <FieldValue definition={definition} doc={doc} path={c} />
                      </a>
                    ) : (
                      <FieldValue definition={definition} doc={doc} path={c} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button type="button" className="btn" onClick={() => void loadMore().catch((err: unknown) => console.error('loading more failed', err))}>
          {t('loadMore')}
        </button>
      )}
    </>
  );
}

export function ListScreen({ type }: { type: string }) {
  const { t, pick } = useI18n();
  const definition = useAsync(() => loadDefinition(type), [type]);
  const [text, setText] = useState('');
  const [query, setQuery] = useState({ q: '', state: '' });
  if (definition.error) return <p className="alert error">{definition.error.message}</p>;
  if (!definition.data) return <p className="muted">{t('loading')}</p>;
  const def = definition.data;
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...query, q: text.trim() });
  };
  return (
    <div className="list-screen">
      <header className="screen-head">
        <h1>{pick(def.title, def.key)}</h1>
        <a className="btn primary" href={hrefFor({ name: 'new', type })}>
          {t('newDocument')}
        </a>
      </header>
      <form className="filters" role="search" onSubmit={search}>
        <input type="search" name="q" placeholder={t('search')} aria-label={t('search')} value={text} onChange={(e) => setText(e.target.value)} />
        <select name="state" aria-label={t('state')} value={query.state} onChange={(e) => setQuery({ ...query, state: e.target.value })}>
          <option value="">{t('allStates')}</option>
          {def.states.map((s) => (
            <option key={s.key} value={s.key}>
              {pick(s.label, s.key)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          {t('search')}
        </button>
      </form>
      <DocumentTable definition={def} query={query} />
    </div>
  );
}
