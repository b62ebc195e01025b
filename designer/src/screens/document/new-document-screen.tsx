// A new document from the generated form: POST /api/documents/:type, then the
// saved document's page. Totals update as lines are typed or scanned; field
// errors from the server go next to their fields.
import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { loadDefinition } from '../../api/definitions';
import type { Definition, DocumentView } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { BarcodeEntry } from '../../form/barcode-entry';
import { GeneratedForm } from '../../form/generated-form';
import { formProblem, type FormProblem } from '../../form/problem';
import { forgetRefOptions } from '../../form/ref-options';
import { useI18n } from '../../i18n/locale';
import { pathFor } from '../../routes';
import { LoadError, Loading } from '../../shell/feedback';
import { FromTemplate } from './from-template';
import { LiveTotal } from './live-total';

type Data = Record<string, unknown>;

function NewDocument({ definition }: { definition: Definition }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [data, setData] = useState<Data>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const create = async (formData: Data) => {
    setBusy(true);
    setProblem(null);
    try {
      const doc = await api<DocumentView>('POST', `/api/documents/${encodeURIComponent(definition.key)}`, {
        data: formData,
      });
      forgetRefOptions(definition.key);
      void navigate(pathFor({ name: 'document', type: definition.key, id: doc.id }));
    } catch (err) {
      setProblem(formProblem(err));
      setBusy(false);
    }
  };

  return (
    <div className="document-page new-document">
      <div className="screen-head">
        <Typography.Title level={3}>
          {t('newDocument')} · {pick(definition.title, definition.key)}
        </Typography.Title>
        <Button onClick={() => navigate(pathFor({ name: 'list', type: definition.key }))}>{t('back')}</Button>
      </div>
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
      {definition.key === 'sales_order' && <FromTemplate />}
      <Card className="form-card">
        <BarcodeEntry definition={definition} data={data} onChange={setData} />
        <GeneratedForm
          definition={definition}
          data={data}
          onChange={setData}
          serverErrors={problem?.fieldErrors}
          onSubmit={(d) => void create(d)}
        >
          <div className="form-footer">
            <LiveTotal definition={definition} data={data} />
            <Space>
              <Button htmlType="submit" type="primary" icon={<SaveOutlined />} loading={busy}>
                {busy ? t('saving') : t('save')}
              </Button>
            </Space>
          </div>
        </GeneratedForm>
      </Card>
    </div>
  );
}

export function NewDocumentScreen({ type }: { type: string }) {
  const definition = useAsync(() => loadDefinition(type), [type]);
  if (definition.error) return <LoadError error={definition.error} onRetry={definition.reload} />;
  if (!definition.data) return <Loading />;
  return <NewDocument definition={definition.data} />;
}
