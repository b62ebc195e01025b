// Publish: the linter runs on the draft (errors block, warnings ask), the new version
// number is shown, and the documents on older versions are dry-run against it.
import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/locale';
import { fetchDefinition, lint, publish, stripEnvelope, upgradeDryRun, type Finding, type UpgradeReport } from '../api';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import type { Definition } from '../model/types';

export function FindingList({ findings }: { findings: Finding[] }) {
  const { locale } = useI18n();
  return (
    <List
      size="small"
      dataSource={findings}
      renderItem={(f) => (
        <List.Item>
          <Space align="start">
            <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.severity}</Tag>
            <span>
              {f.i18n?.[locale] ?? f.message} <code className="muted">{f.path}</code>
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function PublishTab() {
  const t = useDt();
  const { modal, message } = App.useApp();
  const editor = useEditor();
  const { definition, baseVersion } = editor;
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [report, setReport] = useState<UpgradeReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextVersion = report?.nextVersion ?? (baseVersion ?? 0) + 1;
  const errors = findings?.filter((f) => f.severity === 'error') ?? [];
  const warnings = findings?.filter((f) => f.severity === 'warning') ?? [];

  const [round, setRound] = useState(0);
  // Checks when the tab opens, whenever the draft changes while it is open, and on request.
  useEffect(() => {
    let live = true;
    Promise.all([
      lint(definition),
      baseVersion ? upgradeDryRun(definition.key, definition) : Promise.resolve(null),
    ]).then(
      ([found, upgrade]) => {
        if (!live) return;
        setFindings(found);
        setReport(upgrade);
        setError(null);
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [definition, baseVersion, round]);

  async function doPublish() {
    setBusy(true);
    setError(null);
    try {
      const res = await publish(definition.key, definition);
      const stored = await fetchDefinition(definition.key, res.version);
      editor.reset(
        { ...(stripEnvelope(stored) as Definition), version: res.version },
        res.version,
        String(stored.source ?? 'api'),
      );
      message.success(t('published', { version: res.version }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.errors.length
          ? err.errors.map((e) => `${e.path} ${e.message}`).join('\n')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  }

  function confirmPublish() {
    if (warnings.length === 0) return void doPublish();
    modal.confirm({
      title: t('warningsAsk', { count: warnings.length }),
      content: <FindingList findings={warnings} />,
      okText: t('publish'),
      cancelText: t('cancel'),
      onOk: doPublish,
      width: 640,
    });
  }

  return (
    <Card size="small" title={t('publish')} className="designer-publish">
      <Space direction="vertical" style={{ width: '100%' }}>
        {editor.source === 'builtin' && <Alert type="info" showIcon title={t('openBuiltinNote')} />}
        {error && (
          <Alert type="error" showIcon role="alert" title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} />
        )}
        {findings === null ? (
          <Typography.Text type="secondary">{t('checking')}</Typography.Text>
        ) : errors.length > 0 ? (
          <Alert type="error" showIcon title={t('errorsBlock')} description={<FindingList findings={errors} />} />
        ) : (
          <Alert
            type={warnings.length ? 'warning' : 'success'}
            showIcon
            title={warnings.length ? t('lintWarnings', { count: warnings.length }) : t('lintOk')}
            description={warnings.length ? <FindingList findings={warnings} /> : undefined}
          />
        )}
        {report && (
          <Card size="small" type="inner" title={t('upgrade')}>
            {report.versions.length === 0 ? (
              <p>{t('upgradeNone')}</p>
            ) : (
              report.versions.map((v) => <p key={v.version}>{t('upgradeRow', v)}</p>)
            )}
            {report.failures.map((f) => (
              <p key={f.id} className="upgrade-failure">
                <code>{f.number}</code> (v{f.version}): {f.errors.map((e) => `${e.path} ${e.message}`).join('; ')}
              </p>
            ))}
            <Typography.Text type="secondary">{t('upgradeNote')}</Typography.Text>
          </Card>
        )}
        <Space wrap>
          <Button onClick={() => setRound((n) => n + 1)}>{t('check')}</Button>
          <Button
            type="primary"
            disabled={busy || findings === null || errors.length > 0}
            loading={busy && findings !== null}
            onClick={confirmPublish}
          >
            {t('publishAs', { version: nextVersion })}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
