// A type's documents: the definition's list columns in an antd Table (cards on a
// phone), coloured states, sortable columns, filters, cursor pages, a column
// chooser, Excel export (the engine's, same filters) and Excel import.
import { DownloadOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Dropdown, Grid, List, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, apiResponse } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { Definition, DocumentPage, DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { FieldValue, isNumberColumn, useColumnTitle } from '../../components/field-value';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError, Loading } from '../../shell/feedback';
import { canCreate } from '../../shell/nav';
import { useUser } from '../../shell/session';
import { ImportDialog } from './import-dialog';
import { ListFilters } from './list-filters';
import { columnsOf, PAGE_SIZE, paramOf, queryFromParams, queryParams, type ListQuery } from './list-query';

const hiddenKey = (type: string) => `jxc.columns.${type}`;

function useHiddenColumns(type: string): [Set<string>, (next: Set<string>) => void] {
  const [hidden, setHidden] = useState(
    () => new Set<string>(JSON.parse(localStorage.getItem(hiddenKey(type)) ?? '[]') as string[]),
  );
  return [
    hidden,
    (next) => {
      localStorage.setItem(hiddenKey(type), JSON.stringify([...next]));
      setHidden(next);
    },
  ];
}

async function download(definition: Definition, query: ListQuery): Promise<void> {
  const res = await apiResponse(
    'GET',
    `/api/documents/${encodeURIComponent(definition.key)}/export?${queryParams(query).toString()}`,
  );
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${definition.key}.xlsx`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function DocumentList({ definition }: { definition: Definition }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const phone = Grid.useBreakpoint().md === false;
  const columnTitle = useColumnTitle(definition);
  const [search] = useSearchParams();
  const [query, setQuery] = useState<ListQuery>(() => queryFromParams(search));
  // Cursors of the pages before this one: "previous" pops, "next" pushes.
  const [cursors, setCursors] = useState<string[]>([]);
  const [hidden, setHidden] = useHiddenColumns(definition.key);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => {
    const params = queryParams(query, cursor);
    params.set('limit', String(PAGE_SIZE));
    return api<DocumentPage>('GET', `/api/documents/${encodeURIComponent(definition.key)}?${params.toString()}`);
  }, [definition.key, JSON.stringify(query), cursor]);
  const filter = (next: ListQuery) => {
    setCursors([]);
    setQuery(next);
  };
  const all = columnsOf(definition);
  const shown = all.filter((c) => !hidden.has(c));
  const open = (doc: DocumentView) => navigate(pathFor({ name: 'document', type: definition.key, id: doc.id }));
  const sortOrder = (column: string) => {
    const param = paramOf(column);
    if (query.sort === param) return 'ascend' as const;
    if (query.sort === `-${param}`) return 'descend' as const;
    return null;
  };
  const columns: TableProps<DocumentView>['columns'] = shown.map((column, i) => ({
    key: column,
    title: columnTitle(column),
    sorter: true,
    sortOrder: sortOrder(column),
    align: isNumberColumn(definition, column) ? ('right' as const) : undefined,
    onCell: () => ({ 'data-column': column }) as React.HTMLAttributes<HTMLElement>,
    render: (_: unknown, doc: DocumentView) =>
      i === 0 ? (
        <Link to={pathFor({ name: 'document', type: definition.key, id: doc.id })}>
          <FieldValue definition={definition} doc={doc} path={column} />
        </Link>
      ) : (
        <FieldValue definition={definition} doc={doc} path={column} />
      ),
  }));
  const exportExcel = async () => {
    setExporting(true);
    try {
      await download(definition, query);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };
  const chooser = (
    <div className="column-chooser" role="group" aria-label={t('columns')}>
      {all.map((c) => (
        <Checkbox
          key={c}
          checked={!hidden.has(c)}
          onChange={(e) => {
            const next = new Set(hidden);
            if (e.target.checked) next.delete(c);
            else next.add(c);
            setHidden(next);
          }}
        >
          {columnTitle(c)}
        </Checkbox>
      ))}
    </div>
  );
  const items = page.data?.items ?? [];
  const pager = (
    <Space className="list-pager">
      <Button disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
        {t('previousPage')}
      </Button>
      <Typography.Text type="secondary">{t('pageN', { n: cursors.length + 1 })}</Typography.Text>
      <Button
        disabled={!page.data?.nextCursor}
        onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
      >
        {t('nextPage')}
      </Button>
    </Space>
  );

  return (
    <div className="list-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{pick(definition.title, definition.key)}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
            {t('exportExcel')}
          </Button>
          {canCreate(definition, user) && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('importExcel')}
            </Button>
          )}
          {!phone && (
            <Dropdown popupRender={() => <Card size="small">{chooser}</Card>} trigger={['click']}>
              <Button icon={<SettingOutlined />} aria-label={t('columns')} />
            </Dropdown>
          )}
          {canCreate(definition, user) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate(pathFor({ name: 'new', type: definition.key }))}
            >
              {t('newDocument')}
            </Button>
          )}
        </Space>
      </div>
      <ListFilters definition={definition} query={query} onChange={filter} />
      {page.error && <LoadError error={page.error} onRetry={page.reload} />}
      {phone ? (
        <List
          className="document-cards"
          loading={page.loading}
          dataSource={items}
          locale={{ emptyText: t('noDocuments') }}
          renderItem={(doc) => (
            <List.Item className="document-card" data-id={doc.id}>
              <Card size="small" className="document-card-body" onClick={() => open(doc)}>
                <Link
                  className="card-title"
                  to={pathFor({ name: 'document', type: definition.key, id: doc.id })}
                  onClick={(e) => e.stopPropagation()}
                >
                  <FieldValue definition={definition} doc={doc} path={shown[0] ?? 'number'} />
                </Link>
                <dl className="card-fields">
                  {shown.slice(1).map((c) => (
                    <div key={c} data-column={c}>
                      <dt>{columnTitle(c)}</dt>
                      <dd>
                        <FieldValue definition={definition} doc={doc} path={c} />
                      </dd>
                    </div>
                  ))}
                </dl>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<DocumentView>
          className="documents"
          rowKey="id"
          size="middle"
          loading={page.loading}
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('noDocuments') }}
          onRow={(doc) => ({ 'data-id': doc.id }) as React.HTMLAttributes<HTMLElement>}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const param = s?.columnKey ? paramOf(String(s.columnKey)) : '';
            filter({ ...query, sort: s?.order && param ? (s.order === 'descend' ? `-${param}` : param) : '' });
          }}
        />
      )}
      {pager}
      <ImportDialog
        definition={definition}
        open={importing}
        onClose={(imported) => {
          setImporting(false);
          if (imported) page.reload();
        }}
      />
    </div>
  );
}

export function ListScreen({ type }: { type: string }) {
  const definition = useAsync(() => loadDefinition(type), [type]);
  if (definition.error) return <LoadError error={definition.error} onRetry={definition.reload} />;
  if (!definition.data) return <Loading />;
  return <DocumentList definition={definition.data} />;
}
