// Order flows (issue 17): units of measure on lines, orders copied from history
// or from a customer's template, the customer 360 overview, after-sales exchanges.
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
  'RULE_FAILED.exchange_needs_order': {
    'zh-CN': '换货需要原销售订单（或其发货单）才能发出换货商品',
    en: 'An exchange needs the original sales order (or its delivery) to ship the replacement',
  },
  'RULE_FAILED.exchange_stock_short': {
    'zh-CN':
      '第 {line} 行换货库存不足：仓库「{warehouse}」中商品「{product}」可用 {available}，需要 {requested}，暂不能办结',
    en: 'Line {line}: not enough stock to replace {product} in warehouse {warehouse} ({available} available, {requested} needed); the case cannot be resolved yet',
  },
  'VALIDATION_FAILED.line_units': { 'zh-CN': '明细的单位有误：{problems}', en: 'Line units: {problems}' },
} as const satisfies Record<string, Entry>;
