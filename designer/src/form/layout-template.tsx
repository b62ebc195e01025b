// The form's layout as rjsf renders it: at the root, fields in no section first, then
// each section under its title with its fields on a 24-column grid (the section's
// columns, or the field's own width), leaving out fields whose visibility rule does
// not hold for the data typed so far. Nested objects (a table's row) keep the
// theme's own template.
import { Templates } from '@rjsf/antd';
import type { ObjectFieldTemplateProps, ObjectFieldTemplatePropertyType } from '@rjsf/utils';
import { Col, Divider, Row } from 'antd';
import { useMemo } from 'react';
import type { LocalizedText } from '../../../engine/definitions/index';
import { SECTIONS, spanIn } from './form-layout';
import { visibilityRules } from './visibility';

type UiNode = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const Default = Templates.ObjectFieldTemplate as (props: ObjectFieldTemplateProps) => React.ReactElement;

interface Group {
  key: string;
  title?: LocalizedText;
  columns: number;
  names: string[];
}

function groupsOf(ui: UiNode | undefined, names: string[]): Group[] {
  const sections = Array.isArray(ui?.[SECTIONS]) ? (ui[SECTIONS] as unknown[]).filter(isObject) : [];
  const placed = new Set<string>();
  const groups: Group[] = sections.map((s, i) => {
    const listed = Array.isArray(s.fields) ? s.fields.filter((f): f is string => typeof f === 'string') : [];
    const mine = names.filter((n) => listed.includes(n) && !placed.has(n));
    mine.forEach((n) => placed.add(n));
    return {
      key: typeof s.key === 'string' ? s.key : `section${i + 1}`,
      title: isObject(s.title) ? (s.title as unknown as LocalizedText) : undefined,
      columns: typeof s.columns === 'number' ? s.columns : 1,
      names: mine,
    };
  });
  return [{ key: '', columns: 1, names: names.filter((n) => !placed.has(n)) }, ...groups];
}

export function LayoutObjectTemplate(props: ObjectFieldTemplateProps) {
  const { uiSchema, properties, formData, registry, fieldPathId } = props;
  const root = fieldPathId.path.length === 0;
  const rules = useMemo(() => (root ? visibilityRules(uiSchema as UiNode) : []), [root, uiSchema]);
  if (!root) return <Default {...props} />;
  const context = registry.formContext as { lang?: 'zh-CN' | 'en'; lookup?: Record<string, unknown> } | undefined;
  const lang = context?.lang ?? 'zh-CN';
  const hidden = new Set(rules.flatMap(([key, shown]) => (shown(formData, context?.lookup) ? [] : [key])));
  const byName = new Map(properties.filter((p) => !p.hidden && !hidden.has(p.name)).map((p) => [p.name, p]));
  const cell = (p: ObjectFieldTemplatePropertyType, columns: number) => {
    const ui = (uiSchema?.[p.name] ?? undefined) as UiNode | undefined;
    const schema = (p.content.props as { schema?: { type?: unknown } }).schema;
    const kind = schema?.type === 'array' ? 'lines' : ui?.['ui:widget'] === 'textarea' ? 'textarea' : undefined;
    return (
      <Col key={p.name} xs={24} md={spanIn({ kind, ui }, columns)} data-layout-field={p.name}>
        {p.content}
      </Col>
    );
  };
  return (
    <fieldset id={fieldPathId.$id} className="form-layout">
      {groupsOf(
        uiSchema as UiNode,
        properties.map((p) => p.name),
      ).map((g) => {
        const shown = g.names.flatMap((n) => byName.get(n) ?? []);
        if (shown.length === 0 && !g.title) return null;
        return (
          <section
            key={g.key || 'ungrouped'}
            className="form-section"
            data-section={g.key || undefined}
            aria-labelledby={g.title ? `${fieldPathId.$id}__section_${g.key}` : undefined}
          >
            {g.title && (
              <Divider titlePlacement="start" className="form-section-title">
                {/* A heading (the divider itself is a separator), so the section is named by its title. */}
                <h4 id={`${fieldPathId.$id}__section_${g.key}`} className="form-section-heading">
                  {g.title[lang] || g.title['zh-CN']}
                </h4>
              </Divider>
            )}
            <Row gutter={16}>{shown.map((p) => cell(p, g.columns))}</Row>
          </section>
        );
      })}
    </fieldset>
  );
}
