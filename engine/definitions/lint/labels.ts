// Every field shows a label in both UI languages; a field without `x-title`
// falls back to its raw key (e.g. "creditLimit") on a Chinese screen.
import type { Finding, JsonSchema } from '../types';
import { finding, type Check } from './finding';

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function walk(schema: JsonSchema, at: string, out: Finding[]): void {
  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [name, child] of Object.entries(props)) {
    if (!isObject(child)) continue;
    const here = `${at}/properties/${esc(name)}`;
    if (!isObject(child['x-title'])) {
      out.push(
        finding(
          'label',
          'warning',
          here,
          `字段 “${name}” 缺少中英文标签（x-title）`,
          `field "${name}" has no bilingual label (x-title)`,
        ),
      );
    }
    walk(child, here, out);
  }
  if (isObject(schema.items)) walk(schema.items, `${at}/items`, out);
}

export const checkLabels: Check = ({ def }) => {
  const out: Finding[] = [];
  walk(def.schema, '/schema', out);
  return out;
};
