// Opening stock for a new shop, without faking a receipt: the counted quantity
// of each product in one warehouse, posted as a stocktake (盘点单) marked as the
// opening balance — the book goes from zero to what was counted, and the
// ledger shows where it came from.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { RefSelect } from '../../components/ref-select';
import { BarcodeEntry } from '../../form/barcode-entry';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError, Loading } from '../../shell/feedback';

interface Line {
  product?: string;
  countedQty?: number;
}

export function OpeningBalanceScreen() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const definition = useAsync(() => loadDefinition('stocktake'), []);
  const [warehouse, setWarehouse] = useState<string | undefined>();
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [lines, setLines] = useState<Line[]>([{}]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (definition.error) return <LoadError error={definition.error} onRetry={definition.reload} />;
  if (!definition.data) return <Loading />;
  const setLine = (i: number, patch: Line) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const ready = warehouse && lines.some((l) => l.product && typeof l.countedQty === 'number');

  const post = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = {
        warehouse,
        countDate: date.format('YYYY-MM-DD'),
        remark: t('openingBalance'),
        lines: lines.filter((l) => l.product && typeof l.countedQty === 'number'),
      };
      const doc = await api<DocumentView>('POST', '/api/documents/stocktake', { data });
      await api<DocumentView>('POST', `/api/documents/stocktake/${encodeURIComponent(doc.id)}/transitions/post`, {
        version: doc.version,
      });
      void message.success(t('openingPosted'));
      void navigate(pathFor({ name: 'document', type: 'stocktake', id: doc.id }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="opening-balance">
      <div className="screen-head">
        <Typography.Title level={3}>{t('openingBalance')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('openingHelp')}</Typography.Paragraph>
      <Card size="small">
        <Form layout="vertical">
          <Space wrap align="start">
            <Form.Item label={t('warehouse')} required htmlFor="opening-warehouse">
              <RefSelect
                id="opening-warehouse"
                type="warehouse"
                ariaLabel={t('warehouse')}
                value={warehouse}
                onChange={setWarehouse}
                className="opening-warehouse"
              />
            </Form.Item>
            <Form.Item label={t('countDate')} htmlFor="opening-date">
              <DatePicker id="opening-date" value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
            </Form.Item>
          </Space>
        </Form>
        <BarcodeEntry definition={definition.data} data={{ lines }} onChange={(d) => setLines(d.lines as Line[])} />
        <Table<Line & { key: number }>
          className="opening-lines"
          size="small"
          pagination={false}
          dataSource={lines.map((l, key) => ({ ...l, key }))}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('product'),
              render: (_, l) => (
                <RefSelect
                  type="product"
                  className="opening-product"
                  ariaLabel={`${t('product')} ${l.key + 1}`}
                  value={l.product}
                  onChange={(product) => setLine(l.key, { product })}
                />
              ),
            },
            {
              title: t('countedQty'),
              render: (_, l) => (
                <InputNumber
                  aria-label={`${t('countedQty')} ${l.key + 1}`}
                  min={0}
                  value={l.countedQty}
                  onChange={(v) => setLine(l.key, { countedQty: typeof v === 'number' ? v : undefined })}
                />
              ),
            },
            {
              title: t('actions'),
              render: (_, l) => (
                <Button
                  aria-label={`${t('remove')} ${l.key + 1}`}
                  icon={<DeleteOutlined />}
                  onClick={() => setLines(lines.filter((_x, j) => j !== l.key))}
                />
              ),
            },
          ]}
        />
        <div className="form-footer">
          <Button icon={<PlusOutlined />} onClick={() => setLines([...lines, {}])}>
            {t('addLine')}
          </Button>
          <Button type="primary" disabled={!ready} loading={busy} onClick={() => void post()}>
            {t('postOpening')}
          </Button>
        </div>
        {error && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
      </Card>
    </div>
  );
}
