// One report: its parameter form (generated from the kind's JSON Schema, labels
// in the UI language, references as searchable selects), "run" for the figures
// on screen, downloads as Excel, CSV or PDF. A run goes through the engine's
// report queue; its state and progress show while it waits and runs.
import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import Form from '@rjsf/antd';
import type { IChangeEvent } from '@rjsf/core';
import type { RegistryWidgetsType, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Alert, App, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { FieldError } from '../../api/types';
import { localizeErrors } from '../../form/client-errors';
import { refUiSchema } from '../../form/generated-form';
import { lineUiSchema } from '../../form/line-templates';
import { localizeNode } from '../../form/localize-schema';
import { RefWidget } from '../../form/ref-widget';
import { stringTranslator } from '../../form/rjsf-strings';
import { serverErrorSchema } from '../../form/server-errors';
import { useI18n } from '../../i18n/locale';
import {
  downloadRunFile,
  followRun,
  startRun,
  type ReportFormat,
  type ReportKindView,
  type RunView,
} from './report-api';
import { labelCustomRun } from './custom-labels';
import { ReportResult } from './report-result';

type Params = Record<string, unknown>;
type Node = Record<string, unknown>;

const widgets: RegistryWidgetsType = { docRef: RefWidget };
const FILE_FORMATS: Array<{ format: Exclude<ReportFormat, 'json'>; label: string }> = [
  { format: 'xlsx', label: 'Excel' },
  { format: 'csv', label: 'CSV' },
  { format: 'pdf', label: 'PDF' },
];
const STATUS_COLOR = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

/** `/params/from` (the engine's path) → `/from` (a path into the form). */
const formErrors = (errors: FieldError[]): FieldError[] =>
  errors.map((e) => ({ ...e, path: e.path.replace(/^\/params/, '') }));

/**
 * Parameters given in the link (`?from=…&limit=5`, as the dashboard links here),
 * typed by the kind's schema; names the schema does not have are dropped.
 */
export function paramsFromQuery(kind: ReportKindView, query: URLSearchParams): Params {
  const properties = ((kind.params as Node).properties ?? {}) as Record<string, Node>;
  const out: Params = {};
  for (const [name, value] of query) {
    const type = properties[name]?.type;
    if (!type) continue;
    out[name] = type === 'integer' || type === 'number' ? Number(value) : value;
  }
  return out;
}

export function ReportPanel({ kind, initial }: { kind: ReportKindView; initial?: Params }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const schema = useMemo(() => localizeNode(kind.params, locale), [kind.params, locale]);
  const uiSchema = useMemo<UiSchema>(
    () => ({ ...lineUiSchema(schema, refUiSchema(schema, {})), 'ui:submitButtonOptions': { norender: true } }),
    [schema],
  );
  const [params, setParams] = useState<Params>(initial ?? {});
  const [run, setRun] = useState<RunView | null>(null);
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useRef<{ validateForm(): boolean } | null>(null);
  const left = useRef(false);
  useEffect(() => {
    left.current = false;
    return () => {
      left.current = true;
    };
  }, []);

  const go = async (format: ReportFormat) => {
    if (busy || (form.current && !form.current.validateForm())) return;
    setBusy(format);
    setFieldErrors([]);
    setFailure(null);
    setRun(null);
    try {
      const runId = await startRun(kind.key, params, format);
      const followed = await followRun(
        runId,
        (r) => r.status !== 'done' && setRun(r),
        () => left.current,
      );
      const done = followed && (await labelCustomRun(kind, followed));
      if (done && !left.current) setRun(done);
      if (done?.status === 'done' && format !== 'json') {
        await downloadRunFile(done);
        void message.success(t('reportDownloaded', { name: done.file?.name ?? '' }));
      }
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setFieldErrors(formErrors(err.errors));
      else setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      if (!left.current) setBusy(null);
    }
  };

  // Opening a report shows its figures for the default parameters straight away.
  const ran = useRef(false);
  useEffect(() => {
    if (ran.current) return;
    ran.current = true;
    void go('json');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, []);

  const hasParams = Object.keys((schema.properties as Node | undefined) ?? {}).length > 0;
  return (
    <div className="report-panel">
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{pick(kind.title, kind.key)}</span>
            {kind.custom && <Tag color="purple">{t('reportCustom')}</Tag>}
          </Space>
        }
      >
        {kind.description && <Typography.Paragraph type="secondary">{pick(kind.description)}</Typography.Paragraph>}
        {hasParams && (
          <Form
            ref={form as never}
            className="report-params"
            schema={schema}
            uiSchema={uiSchema}
            formData={params}
            validator={validator}
            widgets={widgets}
            extraErrors={fieldErrors.length ? serverErrorSchema(fieldErrors) : undefined}
            transformErrors={localizeErrors(locale)}
            translateString={stringTranslator(locale)}
            showErrorList={false}
            noHtml5Validate
            onChange={(e: IChangeEvent<Params>) => setParams(e.formData ?? {})}
            onSubmit={() => void go('json')}
          >
            <></>
          </Form>
        )}
        <Space wrap className="report-actions">
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={busy === 'json'}
            disabled={busy !== null && busy !== 'json'}
            onClick={() => void go('json')}
          >
            {t('reportRun')}
          </Button>
          {FILE_FORMATS.map(({ format, label }) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              loading={busy === format}
              disabled={busy !== null && busy !== format}
              onClick={() => void go(format)}
            >
              {t('reportDownload', { format: label })}
            </Button>
          ))}
        </Space>
        {run && run.status !== 'done' && (
          <div className="report-progress" role="status" aria-live="polite">
            <Tag color={STATUS_COLOR[run.status]}>{t(`runStatus_${run.status}`)}</Tag>
            {run.status !== 'failed' && (
              <Progress percent={run.progress} size="small" status="active" aria-label={t('reportProgress')} />
            )}
          </div>
        )}
        {run?.status === 'failed' && (
          <Alert type="error" showIcon role="alert" title={t('reportFailed')} description={run.error ?? undefined} />
        )}
        {failure && <Alert type="error" showIcon role="alert" title={failure} />}
      </Card>
      {run?.status === 'done' && <ReportResult run={run} />}
    </div>
  );
}
