// Documents made from this one or that made it (order → delivery), from
// GET …/:id/links.
import { Card, List } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { loadDefinitions } from '../../api/definitions';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';

interface LinkView {
  type: string;
  id: string;
  number: string;
  relation: 'created' | 'created_by';
}

export function LinkedDocuments({ doc }: { doc: DocumentView }) {
  const { t, pick } = useI18n();
  const links = useAsync(async () => {
    const [found, defs] = await Promise.all([
      api<{ items: LinkView[] }>(
        'GET',
        `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}/links`,
      ),
      loadDefinitions(),
    ]);
    return found.items.map((l) => ({ ...l, title: pick(defs.find((d) => d.key === l.type)?.title, l.type) }));
  }, [doc.id, doc.version]);
  if (!links.data?.length) return null;
  return (
    <Card size="small" title={t('linked')} className="linked-documents">
      <List
        size="small"
        dataSource={links.data}
        renderItem={(l) => (
          <List.Item>
            <Link to={pathFor({ name: 'document', type: l.type, id: l.id })} data-linked-type={l.type}>
              {l.title} {l.number}
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
