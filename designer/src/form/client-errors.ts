// ajv's messages are English; in zh-CN the common keywords get Chinese text in the
// same words the engine uses ("必须 > 0"), so a client check and a server check of
// the same rule read alike.
import type { RJSFValidationError } from '@rjsf/utils';
import type { Locale } from '../api/types';

type Params = Record<string, unknown>;

const zh: Record<string, (p: Params) => string> = {
  required: () => '必填',
  minLength: (p) => (p.limit === 1 ? '必填' : `至少 ${String(p.limit)} 个字符`),
  maxLength: (p) => `最多 ${String(p.limit)} 个字符`,
  minimum: (p) => `必须 ≥ ${String(p.limit)}`,
  maximum: (p) => `必须 ≤ ${String(p.limit)}`,
  exclusiveMinimum: (p) => `必须 > ${String(p.limit)}`,
  exclusiveMaximum: (p) => `必须 < ${String(p.limit)}`,
  minItems: (p) => `至少 ${String(p.limit)} 项`,
  maxItems: (p) => `最多 ${String(p.limit)} 项`,
  pattern: () => '格式不正确',
  format: (p) => `格式不正确（${String(p.format)}）`,
  type: () => '类型不正确',
  enum: () => '请从列表中选择',
  const: () => '请从列表中选择',
  oneOf: () => '请从列表中选择',
};

export function localizeErrors(locale: Locale) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((error) => {
      const params = (error.params ?? {}) as Params;
      const zhText = zh[error.name ?? ''];
      let message = error.message;
      if (locale === 'zh-CN' && zhText) message = zhText(params);
      else if (error.name === 'required' || (error.name === 'minLength' && params.limit === 1)) message = 'is required';
      return { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
    });
}
