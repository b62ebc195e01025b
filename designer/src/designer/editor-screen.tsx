// One document type in the designer: header (name, version, unpublished changes,
// undo/redo) and the form, workflow, approval, permissions, print and publish tabs.
import { ArrowLeftOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router';
import { loadDefinitions } from '../api/definitions';
import { useAsync } from '../api/use-async';
import { LoadError, Loading } from '../shell/feedback';
import { useI18n } from '../i18n/locale';
import { fetchDefinition, stripEnvelope } from './api';
import { ApprovalsTab } from './approvals/approvals-tab';
import { EditorProvider, useEditor } from './editor-state';
import { FormTab } from './form/form-tab';
import { useDt } from './i18n';
import type { Definition } from './model/types';
import { PermissionsTab } from './permissions/permissions-tab';
import { PrintTab } from './print/print-tab';
import { PublishTab } from './publish/publish-tab';
import { WorkflowTab } from './workflow/workflow-tab';

function EditorBody({ others }: { others: Definition[] }) {
  const t = useDt();
  const { pick } = useI18n();
  const navigate = useNavigate();
  const editor = useEditor();
  const def = editor.model.def;
  const refTypes = others.map((d) => ({ key: d.key, title: d.title }));
  return (
    <div className="designer-editor">
      <div className="designer-editor-head">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/designer')} aria-label={t('back')} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {pick(def.title, def.key)} <code className="muted">{def.key}</code>
        </Typography.Title>
        {editor.baseVersion ? <Tag color="blue">v{editor.baseVersion}</Tag> : <Tag>{t('unpublished')}</Tag>}
        {editor.dirty && <Tag color="orange">{t('changed')}</Tag>}
        <span className="spacer" />
        <Space.Compact>
          <Tooltip title="Ctrl+Z">
            <Button icon={<UndoOutlined />} disabled={!editor.canUndo} onClick={editor.undo}>
              {t('undo')}
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Shift+Z">
            <Button icon={<RedoOutlined />} disabled={!editor.canRedo} onClick={editor.redo}>
              {t('redo')}
            </Button>
          </Tooltip>
        </Space.Compact>
      </div>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'form', label: t('tab_form'), children: <FormTab refTypes={refTypes} /> },
          { key: 'workflow', label: t('tab_workflow'), children: <WorkflowTab /> },
          { key: 'approvals', label: t('tab_approvals'), children: <ApprovalsTab others={others} /> },
          { key: 'print', label: t('tab_print'), children: <PrintTab /> },
          { key: 'permissions', label: t('tab_permissions'), children: <PermissionsTab /> },
          { key: 'publish', label: t('tab_publish'), children: <PublishTab /> },
        ]}
      />
    </div>
  );
}

export function EditorScreen() {
  const { key = '' } = useParams();
  const location = useLocation();
  const draft = (location.state as { draft?: Definition } | null)?.draft;
  const loaded = useAsync(async () => {
    const all = (await loadDefinitions()).map((s) => ({ ...s.definition, version: s.version }));
    if (draft && draft.key === key) return { def: draft, version: null, source: null, all };
    const body = await fetchDefinition(key);
    return {
      def: { ...(stripEnvelope(body) as Definition), version: Number(body.version) },
      version: Number(body.version),
      source: String(body.source ?? ''),
      all,
    };
  }, [key, draft]);
  if (loaded.error)
    return (
      <Card>
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      </Card>
    );
  if (!loaded.data) return <Loading />;
  const { def, version, source, all } = loaded.data;
  return (
    <EditorProvider key={`${key}@${version ?? 'new'}`} initial={def} baseVersion={version} source={source}>
      <EditorBody others={all} />
    </EditorProvider>
  );
}
