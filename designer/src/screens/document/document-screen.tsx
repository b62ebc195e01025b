// One document: number, coloured state and total up top; the actions the user
// may take (transitions, approve/reject in place, requests, print); the
// generated form — editable in editable states (PATCH with the version; a 409
// offers a reload and says what changed), or as a change request once approved;
// then the approval explanation, linked documents and the history.
import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { Definition, DocumentView, SessionUser } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { HistoryTimeline } from '../../components/history-timeline';
import { StateBadge } from '../../components/state-badge';
import { BarcodeEntry } from '../../form/barcode-entry';
import { GeneratedForm } from '../../form/generated-form';
import { fieldTitle } from '../../form/localize-schema';
import { formProblem, type FormProblem } from '../../form/problem';
import { forgetRefOptions, refLabel } from '../../form/ref-options';
import { formatMoney, listText } from '../../format';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError, Loading } from '../../shell/feedback';
import { isAdmin } from '../../shell/nav';
import { ApprovalPanel } from './approval-panel';
import { DocumentActions } from './document-actions';
import { LinkedDocuments } from './linked-documents';
import { LiveTotal } from './live-total';
import { AgainNotice, OrderFlowActions } from './order-flow-actions';

type Data = Record<string, unknown>;

function canUpdate(definition: Definition, doc: DocumentView, user: SessionUser): boolean {
  if (definition.archived) return false;
  if (isAdmin(user) || !definition.permissions) return true;
  return user.roles.some((role) => {
    const update = definition.permissions?.[role]?.update;
    return update === true || (update === 'own' && doc.createdBy === user.id);
  });
}

/** RFC 7396 merge patch from `before` to `after`: removed fields become null. */
function mergePatch(before: Data, after: Data): Data {
  const patch: Data = { ...after };
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  return patch;
}

function changedFields(definition: Definition, mine: Data, theirs: Data, locale: 'zh-CN' | 'en'): string[] {
  const keys = new Set([...Object.keys(mine), ...Object.keys(theirs)]);
  return [...keys]
    .filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[k]))
    .map((k) => fieldTitle(definition, k, locale));
}

type Mode = 'view' | 'edit' | 'change';

function DocumentPage({
  definition,
  initial,
  user,
}: {
  definition: Definition;
  initial: DocumentView;
  user: SessionUser;
}) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [doc, setDoc] = useState(initial);
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState<Data>(initial.data);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [conflict, setConflict] = useState<{ current: DocumentView; fields: string[] } | null>(null);
  const inbox = useAsync(
    () => api<{ items: Array<{ id: string }> }>('GET', '/api/approvals/inbox'),
    [doc.id, doc.version],
  );
  const canDecide = inbox.data?.items.some((i) => i.id === doc.id) ?? false;
  const state = definition.states.find((s) => s.key === doc.state);
  const editable = state?.editable === true && canUpdate(definition, doc, user) && doc.approval?.status !== 'pending';
  const changeable =
    !editable && doc.approval?.status === 'approved' && !state?.terminal && canUpdate(definition, doc, user);
  const base = `/api/documents/${encodeURIComponent(doc.type)}/${encodeURIComponent(doc.id)}`;
  const shown = mode === 'view' ? doc.data : draft;

  const replace = (next: DocumentView) => {
    setDoc(next);
    setDraft(next.data);
    setMode('view');
    setProblem(null);
  };

  const save = async (data: Data) => {
    setBusy(true);
    setProblem(null);
    try {
      if (mode === 'change') {
        replace(
          await api<DocumentView>('POST', `${base}/change-requests`, {
            patch: mergePatch(doc.data, data),
            reason: reason.trim(),
            version: doc.version,
          }),
        );
      } else {
        replace(await api<DocumentView>('PATCH', base, { data: mergePatch(doc.data, data), version: doc.version }));
      }
      forgetRefOptions(doc.type);
      void message.success(t('saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.errors.length === 0) {
        const current = await api<DocumentView>('GET', base);
        setConflict({ current, fields: changedFields(definition, doc.data, current.data, locale) });
      } else setProblem(formProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const total = shown.total;
  return (
    <div className="document-page">
      <div className="screen-head">
        <Typography.Title level={3}>
          {pick(definition.title, definition.key)}{' '}
          {/* Master data is numbered by its id; its code and name say more. */}
          <span className="doc-number">{definition.category === 'master' ? refLabel(doc) : doc.number}</span>
        </Typography.Title>
        <Button onClick={() => navigate(pathFor({ name: 'list', type: definition.key }))}>{t('back')}</Button>
      </div>
      <Card size="small" className="doc-summary">
        <Space size="large" wrap>
          <div>
            <div className="summary-label">{t('state')}</div>
            <div className="doc-state">
              <StateBadge definition={definition} state={doc.state} />
            </div>
          </div>
          {typeof total === 'number' && (
            <Statistic
              className="doc-total-stat"
              title={t('total')}
              prefix="¥"
              value={formatMoney(total, locale)}
              valueRender={(v) => <span className="doc-total">{v}</span>}
            />
          )}
          <div>
            <div className="summary-label">{t('version')}</div>
            <div>{doc.version}</div>
          </div>
        </Space>
      </Card>
      {mode === 'view' && (
        <Space wrap className="doc-toolbar">
          <DocumentActions definition={definition} doc={doc} user={user} canDecide={canDecide} onDone={replace} />
          <OrderFlowActions doc={doc} />
          {editable && (
            <Button icon={<EditOutlined />} onClick={() => setMode('edit')}>
              {t('edit')}
            </Button>
          )}
          {changeable && (
            <Button icon={<EditOutlined />} onClick={() => setMode('change')}>
              {t('requestChange')}
            </Button>
          )}
        </Space>
      )}
      <AgainNotice />
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-problem"
          title={
            problem.fieldErrors.length > 0 ? t('fixErrors') : problem.retryable ? t('saveFailedRetry') : problem.message
          }
          description={problem.fieldErrors.length > 0 || problem.retryable ? problem.message : undefined}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" className="form-card">
            {mode !== 'view' && <BarcodeEntry definition={definition} data={draft} onChange={setDraft} />}
            <GeneratedForm
              key={`${doc.version}:${mode}`}
              docId={doc.id}
              definition={definition}
              data={shown}
              onChange={setDraft}
              readonly={mode === 'view'}
              serverErrors={problem?.fieldErrors}
              onSubmit={(d) => void save(d)}
            >
              {mode !== 'view' ? (
                <div className="form-footer">
                  <LiveTotal definition={definition} data={draft} />
                  {mode === 'change' && (
                    <Input.TextArea
                      className="change-reason"
                      aria-label={t('reason')}
                      placeholder={t('reason')}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      rows={2}
                    />
                  )}
                  <Space>
                    <Button
                      onClick={() => {
                        setMode('view');
                        setDraft(doc.data);
                        setProblem(null);
                      }}
                    >
                      {t('discardChanges')}
                    </Button>
                    <Button
                      htmlType="submit"
                      type="primary"
                      icon={<SaveOutlined />}
                      loading={busy}
                      disabled={mode === 'change' && !reason.trim()}
                    >
                      {mode === 'change' ? t('requestChange') : t('save')}
                    </Button>
                  </Space>
                </div>
              ) : undefined}
            </GeneratedForm>
          </Card>
        </Col>
        <Col xs={24} xl={8} className="doc-side">
          <ApprovalPanel definition={definition} doc={doc} />
          <LinkedDocuments doc={doc} />
          <HistoryTimeline definition={definition} doc={doc} />
        </Col>
      </Row>
      <Modal
        open={conflict !== null}
        title={t('conflictTitle')}
        okText={t('reload')}
        cancelText={t('cancel')}
        onCancel={() => setConflict(null)}
        onOk={() => {
          if (conflict) replace(conflict.current);
          setConflict(null);
        }}
      >
        <p>{t('conflictText', { theirs: conflict?.current.version })}</p>
        {conflict && conflict.fields.length > 0 && (
          <p>
            {t('diff')}: {listText(conflict.fields, locale)}
          </p>
        )}
      </Modal>
    </div>
  );
}

export function DocumentScreen({ type, id, user }: { type: string; id: string; user: SessionUser }) {
  const loaded = useAsync(async () => {
    const doc = await api<DocumentView>('GET', `/api/documents/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
    return { doc, definition: await loadDefinition(type, doc.definitionVersion) };
  }, [type, id]);
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <DocumentPage
      key={loaded.data.doc.version}
      definition={loaded.data.definition}
      initial={loaded.data.doc}
      user={user}
    />
  );
}
