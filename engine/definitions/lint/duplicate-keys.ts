// Keys name things in URLs, events and permissions; a second entry with the same
// key would be unreachable or silently shadow the first.
import type { Finding } from '../types';
import { finding, pointer, type Check } from './finding';
import { levelLists } from './approval-levels';

const RULE = 'duplicate-key';

function duplicates(
  items: ReadonlyArray<{ key?: string; field?: string }>,
  base: Array<string | number>,
  what: { zh: string; en: string },
  member: 'key' | 'field' = 'key',
): Finding[] {
  const first = new Map<string, number>();
  const out: Finding[] = [];
  items.forEach((item, i) => {
    const key = item[member];
    if (typeof key !== 'string') return;
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, i);
      return;
    }
    out.push(
      finding(
        RULE,
        'error',
        pointer(...base, i, member),
        `${what.zh} “${key}” 重复（第 ${seen + 1} 项已使用），请改用不同的名称`,
        `${what.en} "${key}" is already used by item ${seen + 1}; give it a different key`,
      ),
    );
  });
  return out;
}

export const checkDuplicateKeys: Check = ({ def }) => [
  ...duplicates(def.states, ['states'], { zh: '状态', en: 'state' }),
  ...duplicates(def.transitions, ['transitions'], { zh: '流转', en: 'transition' }),
  ...levelLists(def).flatMap(({ levels, base }) => duplicates(levels, base, { zh: '审批级别', en: 'approval level' })),
  ...duplicates(def.templates ?? [], ['templates'], { zh: '模板', en: 'template' }),
  ...duplicates(def.computed ?? [], ['computed'], { zh: '计算字段', en: 'computed field' }, 'field'),
];
