// 财务: receivables and payables with their aging, customer and supplier
// statements, vouchers with the trial balance, period close and the chart of
// accounts — for finance managers and admins (the engine decides what each may do).
import { Card, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useUser } from '../../shell/session';
import { AccountsTab } from './accounts-tab';
import { PartyTab } from './party-tab';
import { PeriodsTab } from './periods-tab';
import { StatementTab, type StatementQuery } from './statement-tab';
import { useFinanceText } from './text';
import { VouchersTab } from './vouchers-tab';

const TABS = ['receivables', 'payables', 'statement', 'vouchers', 'periods', 'accounts'] as const;
type Tab = (typeof TABS)[number];

export const canSeeFinance = (roles: string[]): boolean => roles.includes('admin') || roles.includes('finance_manager');

export default function FinanceScreen() {
  const text = useFinanceText();
  const user = useUser();
  const navigate = useNavigate();
  const { tab: param } = useParams();
  const tab: Tab = TABS.includes(param as Tab) ? (param as Tab) : 'receivables';
  // The statement's party and period live in the address: a link to a statement can be shared or reloaded.
  const [search] = useSearchParams();
  const query: StatementQuery = {
    party: search.get('party') === 'supplier' ? 'supplier' : 'customer',
    id: search.get('id') || undefined,
    from: search.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD'),
    to: search.get('to') ?? dayjs().format('YYYY-MM-DD'),
  };
  const go = (next: Tab, q?: StatementQuery) => {
    const params = q ? `?${new URLSearchParams({ ...q, id: q.id ?? '' }).toString()}` : '';
    void navigate(`/finance/${next}${params}`);
  };
  const setQuery = (q: StatementQuery) => go('statement', q);
  const statementOf = (party: StatementQuery['party']) => (id: string) => go('statement', { ...query, party, id });
  return (
    <div className="finance-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{text('finance')}</Typography.Title>
      </div>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => go(k as Tab)}
          items={[
            {
              key: 'receivables',
              label: text('receivables'),
              children: <PartyTab party="customer" onStatement={statementOf('customer')} />,
            },
            {
              key: 'payables',
              label: text('payables'),
              children: <PartyTab party="supplier" onStatement={statementOf('supplier')} />,
            },
            {
              key: 'statement',
              label: text('statement'),
              children: <StatementTab query={query} onChange={setQuery} />,
            },
            { key: 'vouchers', label: text('vouchers'), children: <VouchersTab /> },
            {
              key: 'periods',
              label: text('periods'),
              children: <PeriodsTab canClose={user.roles.includes('admin')} />,
            },
            { key: 'accounts', label: text('accounts'), children: <AccountsTab /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
