// react-jsonschema-form refuses to render a form whose ui:order names a field
// that does not exist or leaves one out without "*"; UI settings for a field that
// does not exist are silently ignored. Reference widgets need the type to look up.
import type { Finding, JsonSchema } from '../types';
import { finding, type Check, type LintContext } from './finding';

const RULE = 'ui-schema';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function walk(ctx: LintContext, schema: JsonSchema, ui: Record<string, unknown>, at: string, out: Finding[]): void {
  const props = isObject(schema.properties) ? schema.properties : {};
  const names = Object.keys(props);
  const order = ui['ui:order'];
  if (Array.isArray(order)) {
    order.forEach((name, k) => {
      if (name !== '*' && !names.includes(String(name))) {
        out.push(
          finding(
            RULE,
            'error',
            `${at}/ui:order/${k}`,
            `字段顺序中的 “${String(name)}” 不存在，表单将无法显示`,
            `ui:order lists "${String(name)}", which does not exist, so the form cannot render`,
          ),
        );
      }
    });
    const left = names.filter((n) => !order.includes(n));
    if (!order.includes('*') && left.length > 0) {
      out.push(
        finding(
          RULE,
          'error',
          `${at}/ui:order`,
          `字段顺序缺少 ${left.join('、')}，表单将无法显示；请补上或加入 "*"`,
          `ui:order leaves out ${left.join(', ')}, so the form cannot render; add them or "*"`,
        ),
      );
    }
  }
  if (ui['ui:widget'] === 'docRef') {
    const type = isObject(ui['ui:options']) ? ui['ui:options'].type : undefined;
    if (typeof type !== 'string') {
      out.push(
        finding(
          RULE,
          'error',
          `${at}/ui:options`,
          '引用选择控件（docRef）需要在 ui:options.type 中指定单据类型',
          'the docRef widget needs ui:options.type, the document type to pick from',
        ),
      );
    } else if (ctx.options.resolveDefinition && !ctx.options.resolveDefinition(type)) {
      out.push(
        finding(
          RULE,
          'warning',
          `${at}/ui:options/type`,
          `引用选择控件指向的单据类型 “${type}” 不存在`,
          `the docRef widget points at document type "${type}", which does not exist`,
        ),
      );
    }
  }
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:') || !isObject(value)) continue;
    if (key === 'items' && isObject(schema.items)) {
      walk(ctx, schema.items, value, `${at}/items`, out);
    } else if (isObject(props[key])) {
      walk(ctx, props[key], value, `${at}/${esc(key)}`, out);
    } else {
      out.push(
        finding(
          RULE,
          'warning',
          `${at}/${esc(key)}`,
          `界面设置针对的字段 “${key}” 不存在，将被忽略`,
          `UI settings for "${key}" are ignored: there is no such field`,
        ),
      );
    }
  }
}

export const checkUiSchema: Check = (ctx) => {
  const out: Finding[] = [];
  if (ctx.def.uiSchema) walk(ctx, ctx.def.schema, ctx.def.uiSchema, '/uiSchema', out);
  return out;
};
