// Spreadsheet import: problems with the header row and with rows, reported by
// row and column.
import type { Entry } from './entry';

export const spreadsheets = {
  'VALIDATION_FAILED.column_repeats_field': {
    'zh-CN': '列 “{column}” 与 “{other}” 是同一字段（{field}）',
    en: 'column "{column}" repeats field {field} (column "{other}")',
  },
  'VALIDATION_FAILED.no_known_header': {
    'zh-CN': '表头没有可识别的字段',
    en: 'no header names a field of this form',
  },
  'VALIDATION_FAILED.row_differs': {
    'zh-CN': '与第 {row} 行同一单据的值不同',
    en: 'differs from row {row} of the same document',
  },
  'VALIDATION_FAILED.reference_not_found': {
    'zh-CN': '找不到 “{text}”（{type}）',
    en: 'no {type} "{text}"',
  },
  'VALIDATION_FAILED.same_value_as_row': {
    'zh-CN': '与第 {row} 行重复',
    en: 'same value as row {row}',
  },
  'VALIDATION_FAILED.value_exists': { 'zh-CN': '已存在 “{value}”', en: '"{value}" already exists' },
} as const satisfies Record<string, Entry>;
