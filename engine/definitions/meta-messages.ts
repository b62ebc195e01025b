// Turns ajv's errors into {path, message} a business admin can act on: the path
// points at the offending property itself (not its parent), messages are zh-CN
// first, then English.
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../errors';

export const pointerSegment = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

const bilingual = (zh: string, en: string): string => `${zh} / ${en}`;

const list = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);

function describe(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as { description?: unknown } | undefined;
  return typeof parent?.description === 'string' ? parent.description : undefined;
}

function messageFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return bilingual('缺少必填项', 'is required');
    case 'additionalProperties':
      return bilingual(
        `不认识的属性 “${String(p.additionalProperty)}”`,
        `unknown property "${String(p.additionalProperty)}"`,
      );
    case 'type':
      return bilingual(`类型应为 ${String(p.type)}`, `must be of type ${String(p.type)}`);
    case 'enum':
      return bilingual(`必须是以下之一：${list(p.allowedValues)}`, `must be one of: ${list(p.allowedValues)}`);
    case 'const':
      return bilingual(`必须是 ${list(p.allowedValue)}`, `must be ${list(p.allowedValue)}`);
    case 'pattern':
      return (
        describe(error) ?? bilingual(`格式不正确（应匹配 ${String(p.pattern)}）`, `must match ${String(p.pattern)}`)
      );
    case 'format':
      return bilingual(`不是有效的 ${String(p.format)}`, `is not a valid ${String(p.format)}`);
    case 'minItems':
      return bilingual(`至少需要 ${String(p.limit)} 项`, `needs at least ${String(p.limit)} item(s)`);
    case 'maxItems':
      return bilingual(`最多 ${String(p.limit)} 项`, `allows at most ${String(p.limit)} item(s)`);
    case 'minLength':
      return bilingual(
        p.limit === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`,
        p.limit === 1 ? 'must not be empty' : `needs at least ${String(p.limit)} characters`,
      );
    case 'maxLength':
      return bilingual(`最多 ${String(p.limit)} 个字符`, `allows at most ${String(p.limit)} characters`);
    case 'minProperties':
      return p.limit === 1
        ? bilingual('不能为空对象', 'must not be empty')
        : bilingual(`至少 ${String(p.limit)} 个属性`, `needs at least ${String(p.limit)} properties`);
    case 'maxProperties':
      return describe(error)?.startsWith('JSON-Logic')
        ? bilingual('JSON-Logic 运算对象只能有一个运算符', 'a JSON-Logic operation has exactly one operator')
        : bilingual(`最多 ${String(p.limit)} 个属性`, `allows at most ${String(p.limit)} properties`);
    case 'uniqueItems':
      return bilingual(
        `第 ${String(p.j)} 项与第 ${String(p.i)} 项重复`,
        `items ${String(p.j)} and ${String(p.i)} are duplicates`,
      );
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return bilingual(
        `必须 ${String(p.comparison)} ${String(p.limit)}`,
        `must be ${String(p.comparison)} ${String(p.limit)}`,
      );
    case 'x-bounds':
      return error.message ?? bilingual('超出范围', 'is out of range');
    default:
      return bilingual('不符合定义格式', error.message ?? `fails ${error.keyword}`);
  }
}

function pathFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${pointerSegment(String(p.missingProperty))}`;
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${pointerSegment(String(p.additionalProperty))}`;
  // Errors raised inside propertyNames carry the offending name; point at it.
  if (typeof error.propertyName === 'string') return `${error.instancePath}/${pointerSegment(error.propertyName)}`;
  return error.instancePath;
}

/** `if` and `propertyNames` only summarise errors that are reported on their own. */
const SUMMARY_KEYWORDS = new Set(['if', 'propertyNames']);

export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    if (SUMMARY_KEYWORDS.has(error.keyword)) continue;
    const item = { path: prefix + pathFor(error), message: messageFor(error) };
    const id = `${item.path}\u0000${item.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(item);
  }
  return out;
}
