// Try it: which levels a sample needs and why, on the draft (nothing published). The
// sample is typed as the values the rules read (amount, customer credit level…), or
// an existing document of the type, or both (typed values win).
import { Alert, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { explainDraft, listDocuments, type DraftExplanation } from '../api';
import { useDt } from '../i18n';
import type { RuleField } from '../model/when';
import type { Definition } from '../model/types';

export function TryIt({
  definition,
  transition,
  fields,
  published,
}: {
  definition: Omit<Definition, 'version'>;
  transition: string;
  fields: RuleField[];
  published: boolean;
}) {
  const t = useDt();
  const { pick } = useI18n();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [docId, setDocId] = useState<string | undefined>();
  const [result, setResult] = useState<DraftExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const docs = useAsync(
    async () => (published ? (await listDocuments(definition.key)).items : []),
    [definition.key, published],
  );
  async function run() {
    setBusy(true);
    setError(null);
    try {
      const assume = Object.fromEntries(
        Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
      );
      setResult(await explainDraft(definition, transition, {}, docId, assume));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const applicable = result?.levels.filter((l) => l.applies) ?? [];
  return (
    <Card size="small" title={t('tryIt')} className="try-it" role="region" aria-label={t('tryIt')}>
      <Form layout="vertical" size="small" component="div">
        {fields.map((f) => (
          <Form.Item key={f.name} label={`${pick(f.label, f.name)}`}>
            {f.values ? (
              <Select
                aria-label={pick(f.label, f.name)}
                allowClear
                value={values[f.name] as string | undefined}
                options={f.values.map((v) => ({ value: v.name, label: pick(v.label) }))}
                onChange={(v) => setValues({ ...values, [f.name]: v })}
              />
            ) : f.inputType === 'number' ? (
              <InputNumber
                aria-label={pick(f.label, f.name)}
                style={{ width: '100%' }}
                value={values[f.name] as number | undefined}
                onChange={(v) => setValues({ ...values, [f.name]: v ?? undefined })}
              />
            ) : (
              <Input
                aria-label={pick(f.label, f.name)}
                value={(values[f.name] as string | undefined) ?? ''}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
            )}
          </Form.Item>
        ))}
        {published && (
          <Form.Item label={t('tryDocument')}>
            <Select
              aria-label={t('tryDocument')}
              allowClear
              value={docId}
              onChange={setDocId}
              loading={docs.loading}
              options={(docs.data ?? []).map((d) => ({
                value: d.id,
                label: `${d.number}${typeof d.data.total === 'number' ? ` · ${d.data.total.toLocaleString('en-US')}` : ''}`,
              }))}
            />
          </Form.Item>
        )}
        <Button type="primary" onClick={() => void run()} loading={busy}>
          {t('tryRun')}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 8 }} />}
      {result && (
        <div className="try-it-result" role="status" aria-live="polite">
          <Alert
            style={{ marginTop: 8 }}
            type={applicable.length ? 'info' : 'success'}
            showIcon
            title={
              applicable.length
                ? t('tryNeeds', { levels: applicable.map((l) => pick(l.label, l.key)).join(' → ') })
                : t('tryNone')
            }
          />
          <List
            size="small"
            dataSource={result.levels}
            renderItem={(l) => (
              <List.Item>
                <Space wrap>
                  <Tag color={l.applies ? 'blue' : undefined}>{l.applies ? t('applies') : t('notApplies')}</Tag>
                  <strong>{pick(l.label, l.key)}</strong>
                  <code>{l.why.text}</code>
                  {Object.entries(l.why.vars).map(([k, v]) => (
                    <span key={k} className="muted">{`${k} = ${JSON.stringify(v)}`}</span>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </div>
      )}
    </Card>
  );
}
