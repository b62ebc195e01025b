// The designer's start: every document type with its versions (and the documents on
// each), source and lint status; new from blank or as a copy; compare two versions.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAsync } from '../../api/use-async';
import { LoadError } from '../../shell/feedback';
import { useI18n } from '../../i18n/locale';
import { fetchDefinition, overview, stripEnvelope, type DefinitionOverview } from '../api';
import { useDt, type DesignerKey } from '../i18n';
import { blankDefinition, copyDefinition } from '../model/blank';
import { checkDefinitionKey } from '../model/keys';
import type { Definition } from '../model/types';
import { DiffModal } from './diff-modal';

function sourceTag(source: string, t: ReturnType<typeof useDt>) {
  if (source === 'builtin') return <Tag>{t('src_builtin')}</Tag>;
  if (source.startsWith('plugin:')) return <Tag color="geekblue">{`${t('src_plugin')} ${source.slice(7)}`}</Tag>;
  return <Tag color="cyan">{t('src_api')}</Tag>;
}

function NewTypeModal({
  open,
  items,
  copyFrom,
  onClose,
}: {
  open: boolean;
  items: DefinitionOverview[];
  copyFrom?: string;
  onClose(): void;
}) {
  const t = useDt();
  const { pick } = useI18n();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [source, setSource] = useState<string | undefined>(copyFrom);
  const [busy, setBusy] = useState(false);
  const problem = key
    ? checkDefinitionKey(
        key,
        items.map((i) => i.key),
      )
    : null;
  const ok = key !== '' && !problem && zh.trim() !== '' && en.trim() !== '';
  async function create() {
    setBusy(true);
    try {
      const title = { 'zh-CN': zh.trim(), en: en.trim() };
      const draft: Definition = source
        ? copyDefinition(stripEnvelope(await fetchDefinition(source)) as Definition, key, title)
        : blankDefinition(key, title);
      void navigate(`edit/${key}`, { state: { draft } });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={source ? t('newCopy') : t('newBlank')}
      onCancel={onClose}
      okText={t('create')}
      cancelText={t('cancel')}
      okButtonProps={{ disabled: !ok, loading: busy }}
      onOk={() => void create()}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('newTitleZh')} htmlFor="new-type-zh">
          <Input id="new-type-zh" value={zh} onChange={(e) => setZh(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('newTitleEn')} htmlFor="new-type-en">
          <Input
            id="new-type-en"
            value={en}
            onChange={(e) => {
              const auto = key === '' || key === toKey(en);
              setEn(e.target.value);
              if (auto) setKey(toKey(e.target.value));
            }}
          />
        </Form.Item>
        <Form.Item
          label={t('key')}
          htmlFor="new-type-key"
          validateStatus={problem ? 'error' : undefined}
          help={problem ? t(`key_${problem}` as DesignerKey) : undefined}
        >
          <Input id="new-type-key" value={key} onChange={(e) => setKey(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('copyFrom')}>
          <Select
            aria-label={t('copyFrom')}
            allowClear
            value={source}
            onChange={setSource}
            options={items.map((i) => ({ value: i.key, label: `${pick(i.title, i.key)} (${i.key})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Expense claim" → expense_claim (definition keys are snake_case). */
const toKey = (label: string) =>
  label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'd$1')
    .slice(0, 63);

export function DefinitionList() {
  const t = useDt();
  const { pick } = useI18n();
  const navigate = useNavigate();
  const list = useAsync(overview, []);
  const [creating, setCreating] = useState<{ copyFrom?: string } | null>(null);
  const [diffing, setDiffing] = useState<DefinitionOverview | null>(null);
  return (
    <Card
      className="designer-list"
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('definitions')}
        </Typography.Title>
      }
      extra={
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})}>
            {t('newBlank')}
          </Button>
        </Space>
      }
    >
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<DefinitionOverview>
        rowKey="key"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('name'),
            key: 'name',
            fixed: 'left',
            render: (_, r) => (
              <a
                href={`#/designer/edit/${r.key}`}
                onClick={(e) => {
                  e.preventDefault();
                  void navigate(`edit/${r.key}`);
                }}
              >
                {pick(r.title, r.key)}
              </a>
            ),
          },
          { title: t('key'), dataIndex: 'key', render: (k: string) => <code>{k}</code> },
          { title: t('category'), dataIndex: 'category', render: (c: string) => t(`cat_${c}` as DesignerKey) },
          {
            title: t('versions'),
            key: 'versions',
            render: (_, r) => (
              <Space size={2} wrap>
                {r.versions.map((v) => (
                  <Tag
                    key={v.version}
                    color={v.version === r.latest ? 'blue' : undefined}
                  >{`v${v.version} (${v.documents})`}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('source'), dataIndex: 'source', render: (s: string) => sourceTag(s, t) },
          {
            title: t('lint'),
            key: 'lint',
            render: (_, r) =>
              r.lint.errors > 0 ? (
                <Tag color="red">{t('lintErrors', { count: r.lint.errors })}</Tag>
              ) : r.lint.warnings > 0 ? (
                <Tag color="orange">{t('lintWarnings', { count: r.lint.warnings })}</Tag>
              ) : (
                <Tag color="green">{t('lintClean')}</Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  onClick={() => void navigate(`edit/${r.key}`)}
                  aria-label={`${t('open')} ${pick(r.title, r.key)}`}
                >
                  {t('open')}
                </Button>
                <Button
                  size="small"
                  onClick={() => setCreating({ copyFrom: r.key })}
                  aria-label={`${t('newCopy')} ${pick(r.title, r.key)}`}
                >
                  {t('newCopy')}
                </Button>
                <Button
                  size="small"
                  disabled={r.versions.length < 2}
                  onClick={() => setDiffing(r)}
                  aria-label={`${t('diff')} ${pick(r.title, r.key)}`}
                >
                  {t('diff')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {creating && (
        <NewTypeModal open items={list.data ?? []} copyFrom={creating.copyFrom} onClose={() => setCreating(null)} />
      )}
      {diffing && <DiffModal item={diffing} onClose={() => setDiffing(null)} />}
    </Card>
  );
}
