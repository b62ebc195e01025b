// Order flows on a document page (issue 17): "再来一单 / Order again" and "存为模板
// / Save as template" on a sales order, "客户 360" on a customer. After an order
// again, the new draft's page lists the old price beside today's for each line
// (router state, from POST /api/sales/orders/:id/reorder).
import { CopyOutlined, PieChartOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { DocumentView } from '../../api/types';
import { formProblem } from '../../form/problem';
import { formatMoney } from '../../format';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';

export interface AgainLine {
  product: string;
  qty: number;
  unit?: string;
  price?: number;
  previousPrice?: number;
}

interface AgainResult {
  order: DocumentView;
  from: { number: string };
  lines: AgainLine[];
}

export interface AgainState {
  again?: { from: string; lines: AgainLine[] };
}

/** Opens the draft an order-again or template call made, carrying the price comparison along. */
export function useOpenAgain(): (result: AgainResult) => void {
  const navigate = useNavigate();
  return (result) =>
    void navigate(pathFor({ name: 'document', type: 'sales_order', id: result.order.id }), {
      state: { again: { from: result.from.number, lines: result.lines } } satisfies AgainState,
    });
}

export function OrderFlowActions({ doc }: { doc: DocumentView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const openAgain = useOpenAgain();
  const [busy, setBusy] = useState(false);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const id = encodeURIComponent(doc.id);
  const fail = (err: unknown) => void message.error(formProblem(err).message);

  if (doc.type === 'customer') {
    return (
      <Button icon={<PieChartOutlined />} onClick={() => void navigate(`/customers/${id}/overview`)}>
        {t('customer360')}
      </Button>
    );
  }
  if (doc.type !== 'sales_order') return null;

  const again = async () => {
    setBusy(true);
    try {
      openAgain(await api<AgainResult>('POST', `/api/sales/orders/${id}/reorder`));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const keep = async () => {
    try {
      await api<DocumentView>('POST', `/api/sales/orders/${id}/template`, { name: name.trim() });
      setNaming(false);
      setName('');
      void message.success(t('templateSaved'));
    } catch (err) {
      fail(err);
    }
  };
  return (
    <>
      <Button icon={<CopyOutlined />} loading={busy} onClick={() => void again()}>
        {t('orderAgain')}
      </Button>
      <Button icon={<SaveOutlined />} onClick={() => setNaming(true)}>
        {t('saveAsTemplate')}
      </Button>
      <Modal
        open={naming}
        title={t('saveAsTemplate')}
        okText={t('save')}
        cancelText={t('cancel')}
        okButtonProps={{ disabled: !name.trim() }}
        onOk={() => void keep()}
        onCancel={() => setNaming(false)}
      >
        <Input
          aria-label={t('templateName')}
          placeholder={t('templateName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Modal>
    </>
  );
}

/** On the new draft after "order again": each line's old price beside today's. */
export function AgainNotice() {
  const { t, locale } = useI18n();
  const state = useLocation().state as AgainState | null;
  const again = state?.again;
  if (!again) return null;
  const items = again.lines.map((l, i) => {
    const changed = l.previousPrice !== undefined && l.previousPrice !== l.price;
    const now = l.price === undefined ? '—' : formatMoney(l.price, locale);
    const before = l.previousPrice === undefined ? '—' : formatMoney(l.previousPrice, locale);
    return (
      <li key={i} className={changed ? 'price-changed' : undefined}>
        {t('againLine', { n: i + 1, qty: l.qty, unit: l.unit ?? '', before, now })}
      </li>
    );
  });
  return (
    <Alert
      type="info"
      showIcon
      className="again-notice"
      title={t('againTitle', { from: again.from })}
      description={<ul className="again-lines">{items}</ul>}
    />
  );
}
