// Import from Excel: the file is checked first (dry run) and every bad row is
// shown with its column and message; then the valid rows are imported, with
// `partial` when some rows are refused.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Definition } from '../../api/types';
import { useI18n } from '../../i18n/locale';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportReport {
  imported: number;
  valid: number;
  errors: Array<{ row: number; field?: string; column?: string; path?: string; message: string }>;
  ignoredColumns?: string[];
}

interface Props {
  definition: Definition;
  open: boolean;
  onClose(imported: boolean): void;
}

export function ImportDialog({ definition, open, onClose }: Props) {
  const { t, pick } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = (f: File, options: { dryRun: boolean; partial: boolean }) =>
    api<ImportReport>(
      'POST',
      `/api/documents/${encodeURIComponent(definition.key)}/import?dryRun=${options.dryRun}&partial=${options.partial}`,
      {
        raw: f,
        contentType: XLSX,
      },
    );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setCheck(null);
    setDone(null);
    void run(async () => setCheck(await upload(f, { dryRun: true, partial: true })));
  };

  const commit = () =>
    void run(async () => {
      if (!file || !check) return;
      setDone(await upload(file, { dryRun: false, partial: check.errors.length > 0 }));
    });

  const close = () => {
    const imported = (done?.imported ?? 0) > 0;
    setFile(null);
    setCheck(null);
    setDone(null);
    setError(null);
    onClose(imported);
  };

  return (
    <Modal
      open={open}
      title={`${t('importExcel')} · ${pick(definition.title, definition.key)}`}
      onCancel={close}
      width={720}
      footer={
        done ? (
          <Button type="primary" onClick={close}>
            {t('close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button type="primary" disabled={!check || check.valid === 0} loading={busy && !!check} onClick={commit}>
              {check && check.errors.length > 0
                ? t('importValidRows', { count: check.valid })
                : t('importAll', { count: check?.valid ?? 0 })}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('importHelp')}</Typography.Paragraph>
      <label className="file-pick ant-btn ant-btn-default">
        <UploadOutlined /> {file ? file.name : t('chooseFile')}
        <input
          type="file"
          accept=".xlsx"
          aria-label={t('chooseFile')}
          className="visually-hidden"
          onChange={(e) => choose(e.target.files?.[0])}
        />
      </label>
      {error && <Alert type="error" role="alert" showIcon title={error} className="import-alert" />}
      {check && !done && (
        <div className="import-check">
          <Alert
            type={check.errors.length ? 'warning' : 'success'}
            showIcon
            className="import-alert"
            title={t('importChecked', { valid: check.valid, bad: new Set(check.errors.map((e) => e.row)).size })}
          />
          {check.errors.length > 0 && (
            <Table
              className="import-errors"
              size="small"
              rowKey={(e) => `${e.row}:${e.path ?? e.column ?? ''}:${e.message}`}
              pagination={false}
              dataSource={check.errors}
              columns={[
                { title: t('row'), dataIndex: 'row', width: 64 },
                { title: t('column'), render: (_, e) => e.column ?? e.field ?? '' },
                { title: t('problem'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          className="import-alert import-done"
          title={t('importDone', { count: done.imported })}
        />
      )}
    </Modal>
  );
}
