// A template that names a missing field prints an empty cell without any error;
// one that names an unregistered helper fails when printed.
import { PRINT_HELPER_NAMES } from '../../print/index';
import { TEMPLATE_HELPERS, type Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { templateScope } from './rule-scope';
import { templateProblems } from './template-walker';

const RULE = 'template-field';

export const checkTemplateFields: Check = ({ def, options }) => {
  const scope = templateScope(def, options);
  // The helpers the print renderer registers, so the linter accepts exactly what prints.
  const helpers = [...TEMPLATE_HELPERS, ...PRINT_HELPER_NAMES, ...(options.helpers ?? [])];
  const out: Finding[] = [];
  (def.templates ?? []).forEach((template, i) => {
    for (const member of ['body', 'subject'] as const) {
      const source = template[member];
      if (source === undefined) continue;
      const at = pointer('templates', i, member);
      let problems;
      try {
        problems = templateProblems(source, scope, helpers);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        out.push(
          finding(
            RULE,
            'error',
            at,
            `模板 “${template.key}” 语法错误：${reason}`,
            `template "${template.key}" does not parse: ${reason}`,
          ),
        );
        continue;
      }
      for (const p of problems) {
        out.push(
          p.kind === 'missing-field'
            ? finding(
                RULE,
                'error',
                at,
                `模板 “${template.label['zh-CN']}” 第 ${p.line} 行引用了不存在的字段 “${p.name}”；可用的有 data.、doc.、related.、locale`,
                `template "${template.label.en}" line ${p.line} refers to "${p.name}", which does not exist; available: data., doc., related., locale`,
              )
            : finding(
                RULE,
                'warning',
                at,
                `模板 “${template.label['zh-CN']}” 第 ${p.line} 行使用了未注册的助手 “${p.name}”，打印时会出错`,
                `template "${template.label.en}" line ${p.line} uses the unregistered helper "${p.name}", which fails when printed`,
              ),
        );
      }
    }
  });
  return out;
};
