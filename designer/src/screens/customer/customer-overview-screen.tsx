// The customer 360 (issue 17): one call to GET /api/customers/:id/overview —
// balance, the customer's orders by state with the latest ones, quotations,
// returns, after-sales cases and most-bought products. The engine has already
// narrowed every list to what the signed-in user may read.
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { Definition } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { StateBadge } from '../../components/state-badge';
import { formatMoney, formatNumber } from '../../format';
import { useI18n } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/index';
import { pathFor } from '../../routes';
import { LoadError, Loading } from '../../shell/feedback';

interface Summary {
  id: string;
  number: string;
  state: string;
  date?: string;
  total?: number;
}
interface Group {
  readable: boolean;
  count: number;
  byState: Record<string, number>;
  recent: Summary[];
}
interface TopProduct {
  product: string;
  sku?: string;
  name?: string;
  qty: number;
  unit?: string;
  amount: number;
  orders: number;
}
interface Overview {
  customer: { id: string; name?: string; code?: string; creditLevel?: string; creditLimit?: number };
  orders: Group;
  quotations: Group;
  returns: Group;
  afterSales: Group;
  balance: { balance: number; overdue: number; credit?: number | null };
  topProducts: TopProduct[];
}

const GROUPS: Array<{ key: 'orders' | 'quotations' | 'returns' | 'afterSales'; type: string; title: MessageKey }> = [
  { key: 'orders', type: 'sales_order', title: 'c360Orders' },
  { key: 'quotations', type: 'quotation', title: 'c360Quotations' },
  { key: 'returns', type: 'sales_return', title: 'c360Returns' },
  { key: 'afterSales', type: 'after_sales', title: 'c360AfterSales' },
];

function GroupCard({
  title,
  type,
  group,
  definition,
}: {
  title: string;
  type: string;
  group: Group;
  definition?: Definition;
}) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={`${title} (${group.count})`} className={`c360-group c360-${type}`}>
      {group.count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('c360None')} />
      ) : (
        <>
          <Space wrap className="c360-states">
            {Object.entries(group.byState).map(([state, n]) => (
              <span key={state}>
                {definition ? <StateBadge definition={definition} state={state} /> : state} {n}
              </span>
            ))}
          </Space>
          <Table<Summary>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={group.recent}
            columns={[
              {
                title: t('c360Number'),
                dataIndex: 'number',
                render: (n: string, r) => <Link to={pathFor({ name: 'document', type, id: r.id })}>{n}</Link>,
              },
              { title: t('c360Date'), dataIndex: 'date' },
              {
                title: t('state'),
                dataIndex: 'state',
                render: (s: string) => (definition ? <StateBadge definition={definition} state={s} /> : s),
              },
              {
                title: t('total'),
                dataIndex: 'total',
                align: 'right',
                render: (v?: number) => (typeof v === 'number' ? formatMoney(v, locale) : ''),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

export function CustomerOverviewScreen() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const loaded = useAsync(async () => {
    const overview = await api<Overview>('GET', `/api/customers/${encodeURIComponent(id)}/overview`);
    const defs = await Promise.all(GROUPS.map((g) => loadDefinition(g.type).catch(() => undefined)));
    return { overview, defs };
  }, [id]);
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { overview: o, defs } = loaded.data;
  const money = (v: number | null | undefined) => (typeof v === 'number' ? formatMoney(v, locale) : '—');
  return (
    <div className="customer-overview">
      <div className="screen-head">
        <Typography.Title level={3}>
          {t('customer360')} · {o.customer.name ?? o.customer.code}
        </Typography.Title>
        <Button onClick={() => void navigate(pathFor({ name: 'document', type: 'customer', id }))}>{t('back')}</Button>
      </div>
      <Card size="small" className="c360-summary" style={{ marginBottom: 16 }}>
        <Space size="large" wrap>
          <Statistic title={t('c360Balance')} prefix="¥" value={money(o.balance.balance)} />
          <Statistic title={t('c360Overdue')} prefix="¥" value={money(o.balance.overdue)} />
          <Statistic title={t('c360Credit')} prefix="¥" value={money(o.balance.credit)} />
          <Statistic title={t('c360OrderCount')} value={o.orders.count} />
        </Space>
      </Card>
      <Row gutter={[16, 16]} className="c360-grid">
        <Col xs={24} xl={12}>
          <Card size="small" title={t('c360TopProducts')} className="c360-top">
            <Table<TopProduct>
              size="small"
              rowKey="product"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={o.topProducts}
              locale={{ emptyText: t('c360None') }}
              columns={[
                {
                  title: t('c360Product'),
                  dataIndex: 'name',
                  render: (_: unknown, p) => (
                    <Link to={pathFor({ name: 'document', type: 'product', id: p.product })}>
                      {[p.sku, p.name].filter(Boolean).join(' ')}
                    </Link>
                  ),
                },
                {
                  title: t('c360Qty'),
                  dataIndex: 'qty',
                  align: 'right',
                  render: (q: number, p) => `${formatNumber(q, locale)} ${p.unit ?? ''}`,
                },
                { title: t('c360Amount'), dataIndex: 'amount', align: 'right', render: (v: number) => money(v) },
                { title: t('c360OrdersCol'), dataIndex: 'orders', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        {GROUPS.map((g, i) => (
          <Col xs={24} xl={12} key={g.key}>
            <GroupCard title={t(g.title)} type={g.type} group={o[g.key]} definition={defs[i]} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
