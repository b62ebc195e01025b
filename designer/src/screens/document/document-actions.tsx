// What the signed-in user can do with a document right now: the transitions
// they may run (styled by intent: the forward step primary, cancel/close never
// primary), approve/reject when the open level is theirs, a change or
// cancellation request on an approved document, and print. A transition that
// requires a reason or comment asks for it first; the server re-checks all.
import { CheckOutlined, CloseOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Dropdown, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Definition, DocumentView, SessionUser } from '../../api/types';
import { useI18n } from '../../i18n/locale';

type Transition = Definition['transitions'][number];

export function allowedTransitions(definition: Definition, doc: DocumentView, user: SessionUser): Transition[] {
  if (definition.archived) return [];
  return definition.transitions.filter(
    (tr) =>
      tr.from.includes(doc.state) &&
      user.roles.some(
        (role) => tr.roles.includes(role) || definition.permissions?.[role]?.transitions?.includes(tr.key),
      ),
  );
}

/** Transitions that end or undo a document: never the primary button. */
const isStopping = (definition: Definition, tr: Transition): boolean =>
  /cancel|close|reject|void|revoke/.test(tr.key) ||
  (definition.states.find((s) => s.key === tr.to)?.terminal === true && tr.key !== 'complete');

interface Prompt {
  title: string;
  /** Which inputs to ask for, and whether each is required. */
  fields: Array<{ name: 'reason' | 'comment'; required: boolean }>;
  danger?: boolean;
  run(values: { reason?: string; comment?: string }): Promise<DocumentView>;
}

interface Props {
  definition: Definition;
  doc: DocumentView;
  user: SessionUser;
  /** The open approval level is the user's to decide (from their inbox). */
  canDecide: boolean;
  onDone(doc: DocumentView): void;
}

export function DocumentActions({ definition, doc, user, canDecide, onDone }: Props) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason?: string; comment?: string }>();
  const base = `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}`;
  const pending = doc.approval?.status === 'pending';
  const transitions = pending ? [] : allowedTransitions(definition, doc, user);
  const forward = transitions.find((tr) => !isStopping(definition, tr));

  const execute = async (run: () => Promise<DocumentView>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await run();
      setPrompt(null);
      form.resetFields();
      onDone(next);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const startTransition = (tr: Transition) => {
    const run = (values: { reason?: string; comment?: string }) =>
      api<DocumentView>('POST', `${base}/transitions/${tr.key}`, { version: doc.version, ...values });
    if (!tr.requires?.length) return void execute(() => run({}));
    setPrompt({
      title: pick(tr.label, tr.key),
      fields: tr.requires.map((name) => ({ name, required: true })),
      danger: isStopping(definition, tr),
      run,
    });
  };

  const decide = (decision: 'approve' | 'reject') =>
    setPrompt({
      title: decision === 'approve' ? t('approve') : t('reject'),
      fields: [{ name: 'comment', required: decision === 'reject' }],
      danger: decision === 'reject',
      run: (values) =>
        api<DocumentView>('POST', `${base}/${decision}`, values.comment ? { comment: values.comment } : {}),
    });

  const requestCancellation = () =>
    setPrompt({
      title: t('requestCancellation'),
      fields: [{ name: 'reason', required: true }],
      danger: true,
      run: (values) => api<DocumentView>('POST', `${base}/cancellation`, { reason: values.reason }),
    });

  const approved =
    !pending && doc.approval?.status === 'approved' && !definition.states.find((s) => s.key === doc.state)?.terminal;
  const templates = (definition.templates ?? []).filter((tpl) => tpl.kind === 'print' || tpl.kind === undefined);

  return (
    <section className="document-actions" aria-label={t('actions')}>
      <Space wrap>
        {canDecide && pending && (
          <>
            <Button type="primary" icon={<CheckOutlined />} disabled={busy} onClick={() => decide('approve')}>
              {t('approve')}
            </Button>
            <Button danger icon={<CloseOutlined />} disabled={busy} onClick={() => decide('reject')}>
              {t('reject')}
            </Button>
          </>
        )}
        {transitions.map((tr) => (
          <Button
            key={tr.key}
            data-transition={tr.key}
            type={tr === forward ? 'primary' : 'default'}
            danger={isStopping(definition, tr)}
            loading={busy && !prompt}
            onClick={() => startTransition(tr)}
          >
            {pick(tr.label, tr.key)}
          </Button>
        ))}
        {approved && (
          <Button disabled={busy} onClick={requestCancellation}>
            {t('requestCancellation')}
          </Button>
        )}
        {templates.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: templates.map((tpl) => ({ key: tpl.key, label: pick(tpl.label, tpl.key) })),
              onClick: ({ key }) => void navigate(`/print/${doc.type}/${doc.id}/${key}`),
            }}
          >
            <Button icon={<PrinterOutlined />}>{t('print')}</Button>
          </Dropdown>
        )}
      </Space>
      {error && !prompt && <Alert type="error" role="alert" showIcon className="action-error" title={error} />}
      <Modal
        open={prompt !== null}
        title={prompt?.title}
        okText={t('confirm')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: prompt?.danger, loading: busy }}
        onCancel={() => {
          setPrompt(null);
          setError(null);
          form.resetFields();
        }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          className="prompt-form"
          onFinish={(values) => prompt && void execute(() => prompt.run(values))}
        >
          {prompt?.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={t(f.name)}
              rules={
                f.required ? [{ required: true, whitespace: true, message: t('required', { field: t(f.name) }) }] : []
              }
            >
              <Input.TextArea rows={3} autoFocus />
            </Form.Item>
          ))}
        </Form>
        {error && prompt && <Alert type="error" role="alert" showIcon title={error} />}
      </Modal>
    </section>
  );
}
