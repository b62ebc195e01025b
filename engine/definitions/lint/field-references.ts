// Computed targets, list columns, search fields, indexes and related references
// name data fields; a misspelt one would be ignored or index nothing.
import type { Finding } from '../types';
import { finding, pointer, type Check, type LintContext } from './finding';
import { resolveDataPath } from './schema-paths';

const RULE = 'unknown-field';

function missing(at: string, path: string, where: { zh: string; en: string }): Finding {
  return finding(
    RULE,
    'error',
    at,
    `${where.zh}引用的字段 “${path}” 在数据结构中不存在；请检查拼写或先添加该字段`,
    `${where.en} names "${path}", which the data schema does not define; check the spelling or add the field`,
  );
}

/** Document-relative paths: envelope members are always there, `data.x` must exist. */
function checkDocPath({ def }: LintContext, path: string, at: string, where: { zh: string; en: string }): Finding[] {
  if (!path.startsWith('data.')) return [];
  return resolveDataPath(def.schema, path.slice(5)) ? [] : [missing(at, path, where)];
}

export const checkFieldReferences: Check = (ctx) => {
  const { def, options } = ctx;
  const out: Finding[] = [];
  (def.computed ?? []).forEach((c, i) => {
    if (!resolveDataPath(def.schema, c.field))
      out.push(missing(pointer('computed', i, 'field'), c.field, { zh: '计算字段', en: 'the computed field' }));
  });
  (def.listColumns ?? []).forEach((p, i) =>
    out.push(...checkDocPath(ctx, p, pointer('listColumns', i), { zh: '列表列', en: 'the list column' })),
  );
  (def.searchFields ?? []).forEach((p, i) =>
    out.push(...checkDocPath(ctx, p, pointer('searchFields', i), { zh: '搜索字段', en: 'the search field' })),
  );
  (def.indexes ?? []).forEach((index, i) => {
    for (const p of Object.keys(index.keys)) {
      out.push(...checkDocPath(ctx, p, pointer('indexes', i, 'keys', p), { zh: '索引', en: 'the index' }));
    }
  });
  for (const [name, spec] of Object.entries(def.related ?? {})) {
    if (!resolveDataPath(def.schema, spec.field)) {
      out.push(missing(pointer('related', name, 'field'), spec.field, { zh: `关联 ${name} `, en: `related ${name}` }));
    }
    if (options.resolveDefinition && !options.resolveDefinition(spec.type)) {
      out.push(
        finding(
          RULE,
          'error',
          pointer('related', name, 'type'),
          `关联 ${name} 指向的单据类型 “${spec.type}” 不存在或尚未发布`,
          `related ${name} points at document type "${spec.type}", which does not exist or is not published`,
        ),
      );
    }
  }
  return out;
};
