// Declared lookups (`lookup.<name>`) run a store query on every rule evaluation
// that reads them: the type must exist, the matched and aggregated fields must
// exist on it (a misspelt one would silently find nothing), the states named must
// be its states, and an index must serve the match — else every check scans the
// whole collection, so the finding names the index to declare.
import type { Definition, Finding, JsonSchema, LookupDef } from '../types';
import { finding, pointer, type Check } from './finding';
import { resolveDataPath } from './schema-paths';

const RULE = 'lookup';

/** The engine's own indexes on every documents collection (documents/indexes.ts), by their leading key. */
const BUILT_IN_LEADS = ['number', 'state', 'createdBy'];

const isNumeric = (schema: JsonSchema | undefined): boolean => {
  const type = schema?.type;
  return type === 'number' || type === 'integer' || (Array.isArray(type) && type.some((t) => t === 'number'));
};

function fieldFindings(lookup: LookupDef, target: Definition, at: string): Finding[] {
  const out: Finding[] = [];
  for (const [field, value] of Object.entries(lookup.match)) {
    if (field.startsWith('data.') && !resolveDataPath(target.schema, field.slice(5))) {
      out.push(
        finding(
          RULE,
          'error',
          pointer(...at.split('/').slice(1), 'match', field),
          `查找 ${lookup.name} 匹配的字段 “${field}” 在 ${target.key} 中不存在`,
          `lookup ${lookup.name} matches "${field}", which ${target.key} does not have`,
        ),
      );
    }
    if (field !== 'state') continue;
    const states = typeof value === 'object' && 'in' in value ? value.in : typeof value === 'string' ? [value] : [];
    const unknown = states.filter((s) => !target.states.some((st) => st.key === s));
    if (unknown.length > 0) {
      out.push(
        finding(
          RULE,
          'error',
          pointer(...at.split('/').slice(1), 'match', 'state'),
          `查找 ${lookup.name} 的状态 ${unknown.join('、')} 不是 ${target.key} 的状态`,
          `lookup ${lookup.name} names state(s) ${unknown.join(', ')}, which ${target.key} does not have`,
        ),
      );
    }
  }
  if (lookup.aggregate === 'sum' || lookup.aggregate === 'min' || lookup.aggregate === 'max') {
    const schema = lookup.field ? resolveDataPath(target.schema, lookup.field.slice(5)) : undefined;
    if (!lookup.field || !isNumeric(schema)) {
      out.push(
        finding(
          RULE,
          'error',
          `${at}/field`,
          `查找 ${lookup.name} 的 ${lookup.aggregate} 需要 ${target.key} 的一个数字字段（如 data.total）`,
          `lookup ${lookup.name}'s ${lookup.aggregate} needs a number field of ${target.key} (such as data.total)`,
        ),
      );
    }
  }
  return out;
}

/** The index to declare: the fields taken from this document first (they narrow most), then the rest. */
function suggestedIndex(lookup: LookupDef): Record<string, 1> {
  const fields = Object.entries(lookup.match);
  const keyed = fields.filter(([, v]) => typeof v === 'object' && 'var' in v).map(([f]) => f);
  const rest = fields.filter(([f]) => !keyed.includes(f)).map(([f]) => f);
  return Object.fromEntries([...keyed, ...rest].map((f) => [f, 1 as const]));
}

function indexFinding(lookup: LookupDef, target: Definition, at: string): Finding[] {
  const suggestion = suggestedIndex(lookup);
  const fields = Object.keys(suggestion);
  // An index serves the match when it leads with the field that narrows most.
  const leads = [...(target.indexes ?? []).map((i) => Object.keys(i.keys)[0]), ...BUILT_IN_LEADS];
  if (leads.includes(fields[0])) return [];
  const json = JSON.stringify({ keys: suggestion });
  return [
    finding(
      RULE,
      'warning',
      `${at}/match`,
      `没有索引支持查找 ${lookup.name} 的匹配，每次计算都会扫描全部 ${target.key}；请在 ${target.key} 的 indexes 中声明 ${json}`,
      `no index serves lookup ${lookup.name}'s match, so each evaluation scans every ${target.key}; declare ${json} in ${target.key}'s indexes`,
    ),
  ];
}

function varFindings(lookup: LookupDef, def: Definition, at: string): Finding[] {
  const out: Finding[] = [];
  for (const [field, value] of Object.entries(lookup.match)) {
    if (typeof value !== 'object' || !('var' in value)) continue;
    if (resolveDataPath(def.schema, value.var.slice(5))) continue;
    out.push(
      finding(
        RULE,
        'error',
        pointer(...at.split('/').slice(1), 'match', field),
        `查找 ${lookup.name} 取值的 “${value.var}” 在本单据中不存在`,
        `lookup ${lookup.name} takes its value from "${value.var}", which this definition does not have`,
      ),
    );
  }
  return out;
}

/** `lookup.X < n` / `<=`: the one guard the engine can explain by itself ("full: capacity n"). */
function boundsLookup(logic: unknown): boolean {
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return false;
  const [op, ...more] = Object.keys(logic);
  const args = (logic as Record<string, unknown>)[op];
  if ((op !== '<' && op !== '<=') || more.length > 0 || !Array.isArray(args)) return false;
  const first = args[0] as { var?: unknown } | null;
  const path = Array.isArray(first?.var) ? first.var[0] : first?.var;
  return typeof path === 'string' && path.startsWith('lookup.');
}

function guardMessages(def: Definition): Finding[] {
  return def.transitions.flatMap((t, i) =>
    t.guard && !t.guard.message && !boundsLookup(t.guard.logic)
      ? [
          finding(
            'guard-message',
            'error',
            pointer('transitions', i, 'guard', 'message'),
            `转换 ${t.key} 的条件需要一条提示（中文和英文），告诉用户为什么不能继续`,
            `the guard of transition ${t.key} needs a message (zh-CN and en) telling users why they cannot go on`,
          ),
        ]
      : [],
  );
}

/**
 * A count or sum limited to some states and keyed on a value of the document is
 * kept as a counter that the guard is checked against atomically — over this
 * definition's own documents by its changes, over another type's by that type's
 * changes (documents/lookup-counters.ts, cross-counters.ts). A guard bounding any
 * other such figure is a read-then-write: two requests at once can both pass it.
 * Said as a warning, so the author knows the bound is not race-free.
 */
function raceFindings(def: Definition): Finding[] {
  const racy = (def.lookups ?? []).filter((l) => {
    if (l.aggregate !== 'count' && l.aggregate !== 'sum') return false;
    const keyed = Object.values(l.match).some((v) => typeof v === 'object' && 'var' in v);
    return !('state' in l.match) || !keyed;
  });
  return def.transitions.flatMap((t, i) => {
    const text = JSON.stringify(t.guard?.logic ?? null);
    return racy
      .filter((l) => text.includes(`"lookup.${l.name}"`))
      .map((l) =>
        finding(
          'lookup-race',
          'warning',
          pointer('transitions', i, 'guard', 'logic'),
          `转换 ${t.key} 的条件限制了查找 ${l.name}，但它的匹配没有限定状态或没有取本单据的值，无法计数：并发提交时可能同时通过`,
          `the guard of transition ${t.key} bounds lookup ${l.name}, whose match names no state or takes no value of this document, so it cannot be kept as a counter: concurrent requests can all pass it`,
        ),
      );
  });
}

export const checkLookups: Check = ({ def, options }) => {
  const out: Finding[] = [...guardMessages(def), ...raceFindings(def)];
  const names = new Set<string>();
  (def.lookups ?? []).forEach((lookup, i) => {
    const at = pointer('lookups', i);
    if (names.has(lookup.name))
      out.push(
        finding(
          RULE,
          'error',
          `${at}/name`,
          `查找名称 ${lookup.name} 重复`,
          `the lookup name ${lookup.name} is used twice`,
        ),
      );
    names.add(lookup.name);
    out.push(...varFindings(lookup, def, at));
    const target = lookup.type === def.key ? def : options.resolveDefinition?.(lookup.type);
    if (!target) {
      if (options.resolveDefinition)
        out.push(
          finding(
            RULE,
            'error',
            `${at}/type`,
            `查找 ${lookup.name} 指向的单据类型 “${lookup.type}” 不存在或尚未发布`,
            `lookup ${lookup.name} points at document type "${lookup.type}", which does not exist or is not published`,
          ),
        );
      return;
    }
    out.push(...fieldFindings(lookup, target, at), ...indexFinding(lookup, target, at));
  });
  return out;
};
