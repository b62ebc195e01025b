// Stock: levels by warehouse / product / batch (onHand, reserved, incoming,
// available, projected), the ledger of one product with its running balance,
// and the open low-stock and expiry alerts.
import { Alert, Card, Grid, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Locale } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { RefSelect } from '../../components/ref-select';
import { RefText } from '../../components/field-value';
import { formatDateTime, formatNumber } from '../../format';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError } from '../../shell/feedback';

export interface Level {
  product: string;
  warehouse: string;
  batch?: string;
  expiry?: string;
  onHand: number;
  reserved: number;
  incoming: number;
  available: number;
  projected: number;
}

interface LedgerEntry {
  id: string;
  kind: string;
  warehouse: string;
  batch?: string;
  delta: { onHand?: number; reserved?: number; incoming?: number };
  balance: number;
  ref?: { type: string; id: string; number: string };
  at: string;
}

interface AlertItem {
  kind: string;
  subject?: { type?: string; id?: string; number?: string } | string;
  message: Partial<Record<Locale, string>> | string;
  raisedAt: string;
}

const QTY = ['onHand', 'reserved', 'incoming', 'available', 'projected'] as const;

function Levels({ product, warehouse }: { product?: string; warehouse?: string }) {
  const { t, locale } = useI18n();
  const phone = Grid.useBreakpoint().md === false;
  const params = new URLSearchParams();
  if (product) params.set('product', product);
  if (warehouse) params.set('warehouse', warehouse);
  const levels = useAsync(
    () => api<Level[]>('GET', `/api/inventory/levels?${params.toString()}`),
    [product, warehouse],
  );
  if (levels.error) return <LoadError error={levels.error} onRetry={levels.reload} />;
  const rows = levels.data ?? [];
  const key = (l: Level) => `${l.product}/${l.warehouse}/${l.batch ?? ''}`;
  if (phone) {
    return (
      <List
        className="stock-cards"
        loading={levels.loading}
        dataSource={rows}
        locale={{ emptyText: t('noDocuments') }}
        renderItem={(l) => (
          <List.Item key={key(l)} className="stock-card">
            <Card size="small" className="document-card-body" title={<RefText type="product" id={l.product} />}>
              <div className="muted">
                <RefText type="warehouse" id={l.warehouse} />
                {l.batch ? ` · ${l.batch}` : ''}
              </div>
              <dl className="card-fields">
                {QTY.map((q) => (
                  <div key={q} data-column={q}>
                    <dt>{t(q)}</dt>
                    <dd>{formatNumber(l[q], locale)}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<Level>
      className="stock-levels"
      rowKey={key}
      size="middle"
      loading={levels.loading}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('noDocuments') }}
      columns={[
        { title: t('product'), key: 'product', render: (_, l) => <RefText type="product" id={l.product} /> },
        { title: t('warehouse'), key: 'warehouse', render: (_, l) => <RefText type="warehouse" id={l.warehouse} /> },
        { title: t('batch'), key: 'batch', render: (_, l) => l.batch ?? '' },
        ...QTY.map((q) => ({
          title: t(q),
          key: q,
          align: 'right' as const,
          sorter: (a: Level, b: Level) => a[q] - b[q],
          onCell: () => ({ 'data-column': q }) as React.HTMLAttributes<HTMLElement>,
          render: (_: unknown, l: Level) => formatNumber(l[q], locale),
        })),
      ]}
    />
  );
}

function Ledger({ product, warehouse }: { product?: string; warehouse?: string }) {
  const { t, locale } = useI18n();
  const ledger = useAsync(
    () =>
      product
        ? api<LedgerEntry[]>(
            'GET',
            `/api/inventory/ledger?${new URLSearchParams({ product, ...(warehouse ? { warehouse } : {}) }).toString()}`,
          )
        : Promise.resolve([]),
    [product, warehouse],
  );
  if (!product) return <Alert type="info" showIcon title={t('pickProductForLedger')} />;
  if (ledger.error) return <LoadError error={ledger.error} onRetry={ledger.reload} />;
  return (
    <Table<LedgerEntry>
      className="stock-ledger"
      rowKey="id"
      size="small"
      loading={ledger.loading}
      dataSource={ledger.data ?? []}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('time'), render: (_, e) => formatDateTime(e.at, locale) },
        { title: t('moveKind'), render: (_, e) => t(`move_${e.kind}` as MessageKey, { defaultValue: e.kind }) },
        { title: t('warehouse'), render: (_, e) => <RefText type="warehouse" id={e.warehouse} /> },
        {
          title: t('source'),
          render: (_, e) =>
            e.ref ? <Link to={pathFor({ name: 'document', type: e.ref.type, id: e.ref.id })}>{e.ref.number}</Link> : '',
        },
        { title: t('change'), align: 'right', render: (_, e) => formatNumber(e.delta.onHand ?? 0, locale) },
        { title: t('balance'), align: 'right', render: (_, e) => formatNumber(e.balance, locale) },
      ]}
    />
  );
}

function Alerts() {
  const { t, pick, locale } = useI18n();
  const alerts = useAsync(() => api<AlertItem[] | { items: AlertItem[] }>('GET', '/api/alerts'), []);
  if (alerts.error) return <LoadError error={alerts.error} onRetry={alerts.reload} />;
  const items = Array.isArray(alerts.data) ? alerts.data : (alerts.data?.items ?? []);
  return (
    <List
      className="stock-alerts"
      loading={alerts.loading}
      dataSource={items}
      locale={{ emptyText: t('noAlerts') }}
      renderItem={(a) => (
        <List.Item>
          <Space wrap>
            <Tag color={a.kind.includes('expir') ? 'orange' : 'red'}>
              {t(`alert_${a.kind}` as MessageKey, { defaultValue: a.kind })}
            </Tag>
            <span>{typeof a.message === 'string' ? a.message : pick(a.message)}</span>
            <Typography.Text type="secondary">{formatDateTime(a.raisedAt, locale)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function StockScreen() {
  const { t } = useI18n();
  const [product, setProduct] = useState<string | undefined>();
  const [warehouse, setWarehouse] = useState<string | undefined>();
  return (
    <div className="stock-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('stock')}</Typography.Title>
        <Link to="/stock/opening">{t('openingBalance')}</Link>
      </div>
      <div className="list-filters">
        <RefSelect
          className="filter-ref"
          type="product"
          ariaLabel={t('product')}
          placeholder={t('product')}
          value={product}
          onChange={setProduct}
        />
        <RefSelect
          className="filter-ref"
          type="warehouse"
          ariaLabel={t('warehouse')}
          placeholder={t('warehouse')}
          value={warehouse}
          onChange={setWarehouse}
        />
      </div>
      <Card size="small">
        <Tabs
          items={[
            { key: 'levels', label: t('stockLevels'), children: <Levels product={product} warehouse={warehouse} /> },
            { key: 'ledger', label: t('stockLedger'), children: <Ledger product={product} warehouse={warehouse} /> },
            { key: 'alerts', label: t('alerts'), children: <Alerts /> },
          ]}
        />
      </Card>
    </div>
  );
}
