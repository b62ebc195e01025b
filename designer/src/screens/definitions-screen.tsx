// Every published document and master-data type, grouped by category.
import { loadDefinitions } from '../api/definitions';
import type { DefinitionSummary } from '../api/types';
import { useAsync } from '../api/use-async';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n/locale';
import { hrefFor } from '../routes';

const CATEGORIES: DefinitionSummary['category'][] = ['document', 'inventory', 'master'];

export function DefinitionsScreen() {
  const { t, pick } = useI18n();
  const defs = useAsync(loadDefinitions, []);
  if (defs.error) return <p className="alert error">{defs.error.message}</p>;
  if (!defs.data) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="definitions">
      <h1>{t('definitions')}</h1>
      {CATEGORIES.map((category) => {
        const items = defs.data?.filter((d) => d.category === category) ?? [];
        if (items.length === 0) return null;
        return (
          <section key={category}>
            <h2>{t(`category_${category}` as MessageKey)}</h2>
            <ul className="tiles">
              {items.map((d) => (
                <li key={d.key}>
                  <a href={hrefFor({ name: 'list', type: d.key })} data-type={d.key}>
                    <strong>{pick(d.title, d.key)}</strong>
                    <span className="muted">{d.key}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
