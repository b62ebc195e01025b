// "从模板新建 / From template" on a new sales order: pick one of the active order
// templates (customer recurring orders) and get a draft at today's prices
// (POST /api/sales/order-templates/:id/orders), opened like an order again.
import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { formProblem } from '../../form/problem';
import { useI18n } from '../../i18n/locale';
import { useOpenAgain } from './order-flow-actions';

export function FromTemplate() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const openAgain = useOpenAgain();
  const [chosen, setChosen] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const templates = useAsync(async () => {
    const [list, customers] = await Promise.all([
      api<{ items: DocumentView[] }>('GET', '/api/documents/order_template?state=active&limit=100'),
      api<{ items: DocumentView[] }>('GET', '/api/documents/customer?limit=100'),
    ]);
    const names = new Map(customers.items.map((c) => [c.id, String(c.data.name ?? c.number)]));
    return list.items.map((tpl) => ({
      value: tpl.id,
      label: `${String(tpl.data.name)} · ${names.get(String(tpl.data.customer)) ?? ''}`,
    }));
  }, []);
  if (!templates.data?.length) return null;
  const order = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      openAgain(await api('POST', `/api/sales/order-templates/${encodeURIComponent(chosen)}/orders`, {}));
    } catch (err) {
      void message.error(formProblem(err).message);
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="from-template" title={t('fromTemplate')} style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          aria-label={t('orderTemplate')}
          placeholder={t('orderTemplate')}
          style={{ minWidth: 240 }}
          options={templates.data}
          value={chosen}
          onChange={setChosen}
          showSearch
          optionFilterProp="label"
        />
        <Button
          type="primary"
          ghost
          icon={<FileAddOutlined />}
          disabled={!chosen}
          loading={busy}
          onClick={() => void order()}
        >
          {t('orderFromTemplate')}
        </Button>
      </Space>
    </Card>
  );
}
