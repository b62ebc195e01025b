// Shipments of sales orders (engine/fulfilment): deliveries that ship part of an
// order, and the order shipped as a whole.
import type { Entry } from './entry';

export const fulfilment = {
  'RULE_FAILED.shipment_order_missing': {
    'zh-CN': '销售订单 {order} 不存在',
    en: 'Sales order {order} does not exist',
  },
  'RULE_FAILED.shipment_order_state': {
    'zh-CN': '销售订单 {number} 的状态为「{state}」，不能发货',
    en: 'Sales order {number} is {state}; it cannot ship',
  },
  'RULE_FAILED.shipment_warehouse_differs': {
    'zh-CN': '发货仓库必须是销售订单 {number} 的发货仓库',
    en: 'The warehouse must be the one of sales order {number}',
  },
  'RULE_FAILED.shipment_product_not_ordered': {
    'zh-CN': '第 {line} 行的商品「{product}」不在销售订单 {number} 中',
    en: 'Line {line}: {product} is not on sales order {number}',
  },
  'RULE_FAILED.over_shipment': {
    'zh-CN': '第 {line} 行商品「{product}」超出订单未发数量：订购 {ordered}，已发 {shipped}，本次 {now}',
    en: 'Line {line}: {product} would ship more than ordered: ordered {ordered}, shipped {shipped}, this delivery {now}',
  },
} as const satisfies Record<string, Entry>;
