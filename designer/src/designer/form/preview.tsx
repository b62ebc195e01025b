// The live preview: the form a clerk would get from this draft, rendered by the same
// rjsf set-up as the staff app, in either language regardless of the UI's, with the
// layout (sections, columns, widths) and visibility rules applied as the data changes.
import Form from '@rjsf/antd';
import type { RegistryWidgetsType, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Card, Segmented } from 'antd';
import { Component, useMemo, useState, type ReactNode } from 'react';
import { localizeErrors } from '../../form/client-errors';
import { LayoutObjectTemplate } from '../../form/layout-template';
import { lineTemplates, lineUiSchema } from '../../form/line-templates';
import { refUiSchema } from '../../form/generated-form';
import { RefWidget } from '../../form/ref-widget';
import { formSchema } from '../../form/localize-schema';
import { stringTranslator } from '../../form/rjsf-strings';
import { useI18n } from '../../i18n/locale';
import { useDt } from '../i18n';
import type { Definition } from '../model/types';

const widgets: RegistryWidgetsType = { docRef: RefWidget };
const templates = { ...lineTemplates, ObjectFieldTemplate: LayoutObjectTemplate };

/** A draft mid-edit may not render (e.g. a select with no options yet); the builder stays usable. */
class PreviewBoundary extends Component<
  { children: ReactNode; resetKey: unknown },
  { error: string | null; key: unknown }
> {
  state = { error: null as string | null, key: undefined as unknown };
  static getDerivedStateFromError(error: Error) {
    return { error: error.message };
  }
  static getDerivedStateFromProps(props: { resetKey: unknown }, state: { key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  render() {
    return this.state.error ? (
      <div role="alert" className="preview-error">
        {this.state.error}
      </div>
    ) : (
      this.props.children
    );
  }
}

export function Preview({ definition }: { definition: Omit<Definition, 'version'> }) {
  const t = useDt();
  const { locale, t: appT } = useI18n();
  const [lang, setLang] = useState<'zh-CN' | 'en'>(locale);
  const def = definition as Definition;
  const schema = useMemo(() => formSchema(def, lang), [def, lang]);
  const uiSchema = useMemo<UiSchema>(
    () => ({
      // Reference fields get the staff form's type-ahead picker, fed by the same API.
      ...lineUiSchema(schema, refUiSchema(schema, (def.uiSchema as UiSchema | undefined) ?? {})),
      'ui:submitButtonOptions': { norender: true },
    }),
    [def, schema],
  );
  const formContext = useMemo(
    () => ({ lang, lineLabel: (n: number) => appT('lineNumber', { n, lng: lang }) }),
    [lang, appT],
  );
  const [data, setData] = useState<Record<string, unknown>>({});
  return (
    <Card
      size="small"
      title={t('preview')}
      className="designer-preview"
      role="region"
      aria-label={t('preview')}
      extra={
        <Segmented
          size="small"
          aria-label={t('previewLang')}
          value={lang}
          onChange={(v) => setLang(v as 'zh-CN' | 'en')}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en' },
          ]}
        />
      }
    >
      <PreviewBoundary resetKey={schema}>
        <Form
          className="generated-form"
          schema={schema}
          uiSchema={uiSchema}
          formData={data}
          validator={validator}
          widgets={widgets}
          templates={templates}
          formContext={formContext}
          transformErrors={localizeErrors(lang)}
          translateString={stringTranslator(lang)}
          showErrorList={false}
          noHtml5Validate
          liveValidate={false}
          onChange={(e) => setData((e.formData as Record<string, unknown>) ?? {})}
        />
      </PreviewBoundary>
    </Card>
  );
}
