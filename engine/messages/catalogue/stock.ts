// Inventory, purchasing and pricing: stock refusals, receipts against orders,
// price floors.
import type { Entry } from './entry';

export const stock = {
  'INVALID_QUERY.ledger_needs_product': { 'zh-CN': '查询台账需要指定商品', en: 'The ledger needs ?product=' },
  'VERSION_CONFLICT.operation_in_progress': {
    'zh-CN': '库存操作 {key} 正在处理中，请稍后重试',
    en: 'Stock operation {key} is still in progress; retry shortly',
  },
  'VERSION_CONFLICT.transfer_in_progress': {
    'zh-CN': '调拨 {key} 正在处理中，请稍后重试',
    en: 'Transfer {key} is still in progress; retry shortly',
  },
  'VERSION_CONFLICT.stock_contended': {
    'zh-CN': '库存正被大量并发修改，请稍后重试',
    en: 'Stock is changing too fast; retry shortly',
  },
  'VALIDATION_FAILED.invalid_quantity': {
    'zh-CN': '数量无效（最多 {digits} 位小数）',
    en: 'Invalid quantity (at most {digits} decimals)',
  },
  'VALIDATION_FAILED.quantity_too_large': { 'zh-CN': '数量过大', en: 'Quantity too large' },
  'VALIDATION_FAILED.quantity_not_positive': { 'zh-CN': '数量必须大于 0', en: 'Quantity must be greater than 0' },
  'VALIDATION_FAILED.same_warehouse': {
    'zh-CN': '调出仓库与调入仓库不能相同',
    en: 'Source and destination warehouse must differ',
  },
  'VALIDATION_FAILED.invalid_stock_operation': { 'zh-CN': '库存操作参数无效', en: 'Invalid stock operation' },
  'RULE_FAILED.insufficient_stock': {
    'zh-CN': '库存不足：仓库「{warehouse}」中商品「{product}」可用 {available}，需要 {requested}。',
    en: 'Insufficient stock: {product} in warehouse {warehouse} has {available} available, {requested} requested.',
  },
  'RULE_FAILED.purchase_order_missing': {
    'zh-CN': '采购订单 {order} 不存在',
    en: 'Purchase order {order} does not exist',
  },
  'RULE_FAILED.purchase_order_closed': {
    'zh-CN': '采购订单 {number} 的状态为「{state}」，不能再收货',
    en: 'Purchase order {number} is {state}; goods can no longer be received against it',
  },
  'RULE_FAILED.receipt_warehouse_differs': {
    'zh-CN': '入库仓库与采购订单 {number} 的收货仓库不同',
    en: "The receipt's warehouse differs from the warehouse of purchase order {number}",
  },
  'RULE_FAILED.over_receipt': {
    'zh-CN':
      '到货超出采购订单 {number}：第 {line} 行商品「{product}」订购 {ordered}，已收 {already}，本次 {now}，最多可收 {max}（容差 {tolerance}%）。',
    en:
      'Over-receipt on purchase order {number}, line {line}, {product}: ordered {ordered}, already received {already}, ' +
      'this receipt {now}, at most {max} allowed (tolerance {tolerance}%).',
  },
  'VERSION_CONFLICT.receipt_concurrent': {
    'zh-CN': '采购订单 {number} 正在被同时收货，请重试',
    en: 'Purchase order {number} is being received concurrently; retry',
  },
  'VALIDATION_FAILED.below_list_price': {
    'zh-CN': '低于价目表价格 {list}',
    en: 'below the price-list price {list}',
  },
  'VALIDATION_FAILED.below_floor_price': {
    'zh-CN': '折后单价 {net} 低于最低售价 {floor}',
    en: 'the net price {net} is below the lowest allowed {floor}',
  },
  'FORBIDDEN.low_stock_scan_roles': {
    'zh-CN': '运行低库存检查需要以下角色之一：{roles}',
    en: 'Running the low-stock scan needs one of the roles {roles}.',
  },
  'VALIDATION_FAILED.qty_decimals': {
    'zh-CN': '应为数字，最多 {digits} 位小数',
    en: 'must be a number with at most {digits} decimals',
  },
  'VALIDATION_FAILED.too_large': { 'zh-CN': '数值太大', en: 'is too large' },
  'VALIDATION_FAILED.must_be_positive': { 'zh-CN': '应大于 0', en: 'must be greater than 0' },
  'VALIDATION_FAILED.must_differ_from': { 'zh-CN': '不能与 {field} 相同', en: 'must differ from {field}' },
  'VALIDATION_FAILED.prices_below_allowed': {
    'zh-CN': '有价格低于您可给的最低价：{problems}',
    en: 'Some prices are below what you may grant: {problems}',
  },
  'VALIDATION_FAILED.non_empty_string': { 'zh-CN': '不能为空', en: 'must be a non-empty string' },
  'VALIDATION_FAILED.lines_required': { 'zh-CN': '至少需要一行明细', en: 'must be a non-empty array' },
  'VALIDATION_FAILED.not_negative': { 'zh-CN': '不能为负数', en: 'must not be negative' },
  'VALIDATION_FAILED.plain_date': { 'zh-CN': '应为日期（YYYY-MM-DD）', en: 'must be a date YYYY-MM-DD' },
} as const satisfies Record<string, Entry>;
