// Effects are looked up by name in a registry when a transition runs; an unknown
// name or a field the handler cannot find would fail only then, mid-transition.
import { BUILTIN_EFFECTS, type Finding, type InventoryEffectOptions, type TransitionDef } from '../types';
import { finding, pointer, type Check, type LintContext } from './finding';
import { resolveDataPath } from './schema-paths';

const RULE = 'effect';

type FieldOption = Exclude<keyof InventoryEffectOptions, 'backorders'>;

/** Data-level fields each inventory effect reads, with their defaults (§13 names). */
function dataFields(effect: string): Array<[FieldOption, string | undefined]> {
  if (effect === 'inventory.transfer')
    return [
      ['fromWarehouseField', 'fromWarehouse'],
      ['toWarehouseField', 'toWarehouse'],
    ];
  return [['warehouseField', 'warehouse']];
}
const LINE_FIELDS: Array<[FieldOption, string | undefined]> = [
  ['productField', 'product'],
  ['qtyField', 'qty'],
  ['batchField', undefined],
  ['expiryField', undefined],
];

function inventoryFields(ctx: LintContext, t: TransitionDef, i: number, effect: string, at: string): Finding[] {
  const opts = (t.effectOptions?.[effect] ?? {}) as InventoryEffectOptions;
  const out: Finding[] = [];
  const check = (path: string, option: FieldOption): void => {
    if (resolveDataPath(ctx.def.schema, path)) return;
    const where = opts[option] !== undefined ? pointer('transitions', i, 'effectOptions', effect, option) : at;
    out.push(
      finding(
        RULE,
        'error',
        where,
        `效果 ${effect} 需要字段 “${path}”，但数据结构中没有；请添加该字段或在 effectOptions.${option} 中指定`,
        `effect ${effect} needs the field "${path}", which the data schema lacks; add it or set effectOptions.${option}`,
      ),
    );
  };
  for (const [option, fallback] of [
    ...dataFields(effect),
    ['purchaseOrderField', undefined] as [FieldOption, undefined],
  ]) {
    const field = opts[option] ?? fallback;
    if (field) check(field, option);
  }
  const lines = opts.linesField ?? 'lines';
  check(lines, 'linesField');
  for (const [option, fallback] of LINE_FIELDS) {
    const field = opts[option] ?? fallback;
    if (field) check(`${lines}[].${field}`, option);
  }
  return out;
}

export const checkEffects: Check = (ctx) => {
  const known = new Set<string>([...BUILTIN_EFFECTS, ...(ctx.options.effects ?? [])]);
  const out: Finding[] = [];
  ctx.def.transitions.forEach((t, i) => {
    const uses = [
      ...(t.effects ?? []).map((e, j) => ({ effect: e, at: pointer('transitions', i, 'effects', j) })),
      ...(t.approval?.effects ?? []).map((e, j) => ({
        effect: e,
        at: pointer('transitions', i, 'approval', 'effects', j),
      })),
    ];
    for (const { effect, at } of uses) {
      if (!known.has(effect)) {
        out.push(
          finding(
            RULE,
            'warning',
            at,
            `效果 “${effect}” 没有注册，执行流转时会失败（除非插件提供它）`,
            `effect "${effect}" is not registered; the transition fails unless a plugin provides it`,
          ),
        );
      } else if (effect.startsWith('inventory.') && effect !== 'inventory.allocate') {
        // (inventory.allocate reads the document's moves, not its fields.)
        out.push(...inventoryFields(ctx, t, i, effect, at));
      } else if (effect === 'document.create') {
        const type = (t.effectOptions?.[effect] as { type?: unknown } | undefined)?.type;
        if (typeof type !== 'string') {
          out.push(
            finding(
              RULE,
              'error',
              at,
              '效果 document.create 需要在 effectOptions 中指定要创建的单据类型（type）',
              'effect document.create needs effectOptions["document.create"].type, the document type to create',
            ),
          );
        } else if (ctx.options.resolveDefinition && !ctx.options.resolveDefinition(type)) {
          out.push(
            finding(
              RULE,
              'error',
              pointer('transitions', i, 'effectOptions', effect, 'type'),
              `document.create 要创建的单据类型 “${type}” 不存在`,
              `document.create creates "${type}", which does not exist`,
            ),
          );
        }
      }
    }
  });
  return out;
};
