// Industry templates (插件): what is installed, and install, upgrade and
// uninstall (optionally keeping the documents, read-only) from a packed .tgz
// (`npm run plugin -- pack`), so a consultant's whole job can be done in the
// browser: install here, then carry the definitions on in the designer.
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { forgetDefinitions } from '../../api/definitions';
import type { FieldError } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n/locale';
import { LoadError } from '../../shell/feedback';

interface PluginRow {
  name: string;
  version: string;
  title: { 'zh-CN': string; en: string };
  definitions: Array<{ key: string; version: number; overlay: boolean }>;
  installedAt: string;
  upgradedAt?: string;
  archived?: true;
  seed?: { created: number; existing: number };
}

const gzip = (file: Blob) => ({ raw: file, contentType: 'application/gzip' });

export function PluginsScreen() {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const plugins = useAsync(() => api<{ items: PluginRow[] }>('GET', '/api/plugins'), []);
  const [failure, setFailure] = useState<{ message: string; errors: FieldError[] } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      // The menu and forms must see the plugin's definitions (or their archived versions) now.
      forgetDefinitions();
      void message.success(done);
      plugins.reload();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setFailure({ message: err.message, errors: err.errors });
    } finally {
      setBusy(false);
    }
  }

  const upload = (label: string, onFile: (file: File) => Promise<unknown>, done: string, name?: string) => (
    <Upload
      accept=".tgz,.gz,application/gzip"
      showUploadList={false}
      beforeUpload={(file) => {
        void run(() => onFile(file), done);
        return false;
      }}
    >
      <Button type={name ? 'default' : 'primary'} size={name ? 'small' : 'middle'} loading={busy} aria-label={label}>
        {name ? t('upgradePlugin') : t('installPlugin')}
      </Button>
    </Upload>
  );

  return (
    <div className="plugins-screen">
      <div className="screen-head">
        <Typography.Title level={3}>{t('plugins')}</Typography.Title>
        {upload(t('installPlugin'), (file) => api('POST', '/api/plugins', gzip(file)), t('pluginInstalled'))}
      </div>
      <Typography.Paragraph type="secondary">{t('pluginsHint')}</Typography.Paragraph>
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          onClose={() => setFailure(null)}
          title={failure.message}
          description={
            failure.errors.length > 0 ? (
              <ul className="plugin-errors">
                {failure.errors.map((e) => (
                  <li key={`${e.path}:${e.message}`}>
                    <code>{e.path || '/'}</code> {e.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {plugins.error && <LoadError error={plugins.error} onRetry={plugins.reload} />}
      <Card size="small">
        <Table<PluginRow>
          rowKey="name"
          loading={plugins.loading}
          dataSource={plugins.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('noPlugins') }}
          columns={[
            {
              title: t('plugin'),
              render: (_, p) => (
                <Space direction="vertical" size={0}>
                  <strong>{pick(p.title, p.name)}</strong>
                  <Typography.Text type="secondary">{`${p.name}@${p.version}`}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('pluginDefinitions'),
              render: (_, p) => (
                <Space size={[4, 4]} wrap>
                  {p.definitions.map((d) => (
                    <Tag key={d.key}>{`${d.key}@${d.version}`}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('pluginState'),
              render: (_, p) =>
                p.archived ? (
                  <Tag color="orange">{t('pluginArchived')}</Tag>
                ) : (
                  <Tag color="green">{t('pluginActive')}</Tag>
                ),
            },
            { title: t('time'), render: (_, p) => formatDateTime(p.upgradedAt ?? p.installedAt, locale) },
            {
              title: '',
              render: (_, p) =>
                p.archived ? null : (
                  <Space wrap>
                    {upload(
                      `${t('upgradePlugin')} ${p.name}`,
                      (file) => api('PUT', `/api/plugins/${encodeURIComponent(p.name)}`, gzip(file)),
                      t('pluginUpgraded'),
                      p.name,
                    )}
                    <Popconfirm
                      title={t('confirmUninstallPlugin')}
                      onConfirm={() =>
                        run(() => api('DELETE', `/api/plugins/${encodeURIComponent(p.name)}`), t('pluginUninstalled'))
                      }
                    >
                      <Button size="small" danger aria-label={`${t('uninstallPlugin')} ${p.name}`}>
                        {t('uninstallPlugin')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('confirmArchivePlugin')}
                      onConfirm={() =>
                        run(
                          () => api('DELETE', `/api/plugins/${encodeURIComponent(p.name)}?archive=true`),
                          t('pluginUninstalled'),
                        )
                      }
                    >
                      <Button size="small" aria-label={`${t('archivePlugin')} ${p.name}`}>
                        {t('archivePlugin')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
