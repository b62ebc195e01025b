// Order flows (issue 17): units of measure on lines, orders copied from history
// or from a customer's template, the customer 360 overview.
import type { Entry } from './entry';

export const orders = {
  'VALIDATION_FAILED.unknown_unit': {
    'zh-CN': '商品「{product}」没有单位「{unit}」（可用单位：{known}）',
    en: 'Product {product} has no unit "{unit}" (its units: {known})',
  },
  'VALIDATION_FAILED.fractional_base_qty': {
    'zh-CN': '{qty} {unit} 换算为 {base} {baseUnit}，商品「{product}」的基本单位不可拆分，请调整数量',
    en: '{qty} {unit} is {base} {baseUnit}, and {product} cannot be split below a whole {baseUnit}; change the quantity',
  },
  'RULE_FAILED.template_inactive': {
    'zh-CN': '订单模板「{name}」已停用，不能再下单',
    en: 'Order template {name} is inactive; no orders can be made from it',
  },
} as const satisfies Record<string, Entry>;
