// Print templates: Handlebars source beside a live preview rendered by the engine's
// print helpers against a chosen document; an error names its line and the line is
// selected in the editor.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Input, Select, Space, Table } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useAsync } from '../../api/use-async';
import { useI18n } from '../../i18n/locale';
import { listDocuments, printPreview } from '../api';
import { useEditor } from '../editor-state';
import { useDt } from '../i18n';
import { starterTemplate } from '../model/print-starter';
import type { Definition } from '../model/types';

type TemplateDef = NonNullable<Definition['templates']>[number];

const HELPERS: Array<[string, string]> = [
  ['{{money data.total}}', '¥600,000.00'],
  ['{{rmbUpper data.total}}', '陆拾万元整'],
  ['{{qty line.qty}}', '6,000'],
  ['{{date data.orderDate}}', '2026-12-01'],
  ['{{datetime doc.createdAt}}', '2026-12-01 09:30'],
  ['{{label labels.state}}', '已审核 / Approved'],
  ['{{inc @index}}', '1, 2, 3…'],
  ['{{add a b}}', 'a + b'],
];

export function PrintTab() {
  const t = useDt();
  const { pick } = useI18n();
  const { model, updateDef, baseVersion } = useEditor();
  const def = model.def;
  const templates = def.templates ?? [];
  const prints = templates.map((tpl, i) => ({ tpl, i })).filter((x) => x.tpl.kind === 'print');
  const [current, setCurrent] = useState<number | undefined>(prints[0]?.i);
  const [docId, setDocId] = useState<string | undefined>();
  const [result, setResult] = useState<{ html?: string; error?: { message: string; line: number | null } }>({});
  const area = useRef<HTMLTextAreaElement | null>(null);
  const docs = useAsync(async () => (baseVersion ? (await listDocuments(def.key)).items : []), [def.key, baseVersion]);
  const selected = current === undefined ? undefined : templates[current];
  const doc = docId ?? docs.data?.[0]?.id;

  const body = selected?.body;
  useEffect(() => {
    if (body === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      printPreview(def.key, body, baseVersion ? doc : undefined).then(
        (r) => live && setResult('html' in r ? { html: r.html } : { error: r.error }),
        (err: unknown) =>
          live && setResult({ error: { message: err instanceof Error ? err.message : String(err), line: null } }),
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body, doc, def.key, baseVersion]);

  const setTemplate = (i: number, part: Partial<TemplateDef>, group?: string) =>
    updateDef(
      (d) => ({ ...d, templates: (d.templates ?? []).map((x, j) => (j === i ? { ...x, ...part } : x)) }),
      group,
    );

  function add() {
    let n = templates.length + 1;
    while (templates.some((x) => x.key === `print${n}`)) n += 1;
    updateDef((d) => ({
      ...d,
      templates: [
        ...(d.templates ?? []),
        { key: `print${n}`, label: { ...d.title }, kind: 'print', body: starterTemplate(model.fields, d.title) },
      ],
    }));
    setCurrent(templates.length);
  }

  function showLine(line: number) {
    const el = area.current;
    if (!el || !selected) return;
    const lines = selected.body.split('\n');
    const start = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  }

  return (
    <div className="print-tab">
      <Card
        size="small"
        title={t('templates')}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={add}>
            {t('addTemplate')}
          </Button>
        }
      >
        {prints.length === 0 ? (
          <Empty description={t('addTemplate')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              aria-label={t('templates')}
              value={current}
              onChange={setCurrent}
              style={{ minWidth: 220 }}
              options={prints.map(({ tpl, i }) => ({ value: i, label: `${pick(tpl.label, tpl.key)} (${tpl.key})` }))}
            />
            {selected && current !== undefined && (
              <>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    aria-label={t('labelZh')}
                    value={selected.label['zh-CN']}
                    onChange={(e) =>
                      setTemplate(
                        current,
                        { label: { ...selected.label, 'zh-CN': e.target.value } },
                        `tpl-zh:${current}`,
                      )
                    }
                  />
                  <Input
                    aria-label={t('labelEn')}
                    value={selected.label.en}
                    onChange={(e) =>
                      setTemplate(current, { label: { ...selected.label, en: e.target.value } }, `tpl-en:${current}`)
                    }
                  />
                </Space.Compact>
                <Input.TextArea
                  ref={(r) => {
                    area.current = r?.resizableTextArea?.textArea ?? null;
                  }}
                  aria-label={t('templateBody')}
                  rows={18}
                  spellCheck={false}
                  value={selected.body}
                  onChange={(e) => setTemplate(current, { body: e.target.value }, `tpl-body:${current}`)}
                />
                {result.error && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    className="template-error"
                    title={
                      result.error.line
                        ? t('templateError', { line: result.error.line, message: result.error.message })
                        : result.error.message
                    }
                    action={
                      result.error.line ? (
                        <Button
                          size="small"
                          onClick={() => showLine(result.error?.line ?? 1)}
                        >{`#${result.error.line}`}</Button>
                      ) : undefined
                    }
                  />
                )}
              </>
            )}
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r[0]}
              dataSource={HELPERS}
              title={() => t('helpers')}
              columns={[
                { title: 'Handlebars', render: (_, r) => <code>{r[0]}</code> },
                { title: '', render: (_, r) => r[1] },
              ]}
            />
          </Space>
        )}
      </Card>
      <Card
        size="small"
        title={t('preview')}
        role="region"
        aria-label={`${t('preview')} ${t('templates')}`}
        extra={
          baseVersion ? (
            <Select
              size="small"
              aria-label={t('previewDoc')}
              placeholder={t('previewDoc')}
              value={doc}
              onChange={setDocId}
              style={{ minWidth: 200 }}
              options={(docs.data ?? []).map((d) => ({ value: d.id, label: d.number }))}
            />
          ) : undefined
        }
      >
        {!doc && <Alert type="info" showIcon title={t('noDocuments')} style={{ marginBottom: 8 }} />}
        {/* The engine escapes every value; the frame is still sandboxed (no scripts). */}
        <iframe title={t('preview')} className="print-preview-frame" sandbox="" srcDoc={result.html ?? ''} />
      </Card>
    </div>
  );
}
