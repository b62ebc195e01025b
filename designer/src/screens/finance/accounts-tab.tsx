// The chart of accounts: the default 小企业会计准则 accounts and the shop's own,
// the posting role each takes; admins and finance managers add, rename, point a
// role at another code, and delete accounts nothing uses (the engine refuses one
// in use and says why).
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';
import { deleteAccount, listAccounts, saveAccount, type ChartAccount } from './finance-api';
import { POSTING_ROLES, postingRoleLabel } from './posting-roles';
import { useFinanceText } from './text';

interface FormValues {
  code: string;
  zh: string;
  en: string;
  role?: string;
}

export function AccountsTab() {
  const { pick, locale } = useI18n();
  const text = useFinanceText();
  const { message } = AntApp.useApp();
  const accounts = useAsync(() => listAccounts(), []);
  const [editing, setEditing] = useState<ChartAccount | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const open = (a: ChartAccount | 'new') => {
    setEditing(a);
    form.setFieldsValue(
      a === 'new'
        ? { code: '', zh: '', en: '', role: undefined }
        : { code: a.code, zh: a.name['zh-CN'], en: a.name.en, role: a.role ?? undefined },
    );
  };
  const submit = async (v: FormValues) => {
    try {
      await saveAccount(v.code, { name: { 'zh-CN': v.zh, en: v.en }, ...(v.role ? { role: v.role } : {}) });
      message.success(text('saved'));
      setEditing(null);
      accounts.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  const remove = async (code: string) => {
    try {
      await deleteAccount(code);
      accounts.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  if (accounts.error) return <LoadError error={accounts.error} onRetry={accounts.reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => open('new')}>
        {text('addAccount')}
      </Button>
      <Table<ChartAccount>
        className="finance-accounts"
        rowKey="code"
        size="small"
        loading={accounts.loading}
        dataSource={accounts.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: text('code'), dataIndex: 'code' },
          { title: text('account'), render: (_, a) => pick(a.name) },
          { title: text('role'), render: (_, a) => (a.role ? <Tag>{postingRoleLabel(a.role, locale)}</Tag> : '') },
          { title: text('inUse'), render: (_, a) => (a.inUse ? <Tag color="blue">{text('inUse')}</Tag> : '') },
          {
            title: '',
            key: 'actions',
            render: (_, a) => (
              <Space>
                <Button size="small" aria-label={`${text('edit')} ${a.code}`} onClick={() => open(a)}>
                  {text('edit')}
                </Button>
                <Popconfirm title={text('confirmDelete')} onConfirm={() => void remove(a.code)}>
                  <Button size="small" danger aria-label={`${text('delete')} ${a.code}`}>
                    {text('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? text('addAccount') : text('edit')}
        okText={text('save')}
        cancelText={text('cancel')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="code" label={text('code')} rules={[{ required: true, pattern: /^[0-9]{4,12}$/ }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="zh" label={text('nameZh')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="en" label={text('nameEn')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label={text('role')}>
            <Select
              allowClear
              options={Object.keys(POSTING_ROLES).map((r) => ({ value: r, label: postingRoleLabel(r, locale) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
