// Compare two published versions: what was added, removed or changed, by path.
import { Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAsync } from '../../api/use-async';
import { LoadError } from '../../shell/feedback';
import { fetchDefinition, type DefinitionOverview } from '../api';
import { useDt } from '../i18n';
import { definitionDiff } from './diff';

export function DiffModal({ item, onClose }: { item: DefinitionOverview; onClose(): void }) {
  const t = useDt();
  const versions = item.versions.map((v) => v.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(versions[versions.length - 2] ?? versions[0]);
  const [to, setTo] = useState(versions[versions.length - 1]);
  const diff = useAsync(
    async () => definitionDiff(await fetchDefinition(item.key, from), await fetchDefinition(item.key, to)),
    [item.key, from, to],
  );
  const opts = versions.map((v) => ({ value: v, label: `v${v}` }));
  return (
    <Modal open title={`${t('diff')} · ${item.key}`} onCancel={onClose} footer={null} width={860}>
      <Space style={{ marginBottom: 12 }}>
        {t('diffFrom')} <Select aria-label={t('diffFrom')} value={from} onChange={setFrom} options={opts} />
        {t('diffTo')} <Select aria-label={t('diffTo')} value={to} onChange={setTo} options={opts} />
      </Space>
      {diff.error && <LoadError error={diff.error} onRetry={diff.reload} />}
      {diff.data && diff.data.length === 0 && <p>{t('diffNone')}</p>}
      {diff.data && diff.data.length > 0 && (
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={diff.data}
          columns={[
            {
              title: '',
              dataIndex: 'op',
              width: 90,
              render: (op: string) =>
                op === 'add' ? (
                  <Tag color="green">{t('diffAdded')}</Tag>
                ) : op === 'remove' ? (
                  <Tag color="red">{t('diffRemoved')}</Tag>
                ) : (
                  <Tag color="blue">{t('diffChanged')}</Tag>
                ),
            },
            { title: 'path', dataIndex: 'path', render: (p: string) => <code>{p}</code> },
            {
              title: '',
              key: 'value',
              render: (_, op) =>
                'value' in op ? <code className="diff-value">{JSON.stringify(op.value).slice(0, 160)}</code> : null,
            },
          ]}
        />
      )}
    </Modal>
  );
}
