// Spreadsheet import and export: the upload itself, problems with the header
// row and with rows (reported by row and column), and exports too large.
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
  'RATE_LIMITED.imports_running': {
    'zh-CN': '已有 {max} 个导入正在进行，请稍后再试。',
    en: '{max} imports are already running; try again in a moment.',
  },
  'BAD_REQUEST.no_upload': {
    'zh-CN': '请将 .xlsx 文件作为请求体（Content-Type {type}）或以 multipart/form-data 发送。',
    en: 'Send the .xlsx file as the body (Content-Type {type}) or as multipart/form-data.',
  },
  'BAD_REQUEST.multipart_no_file': { 'zh-CN': 'multipart 请求中没有文件。', en: 'The multipart body has no file.' },
  'PAYLOAD_TOO_LARGE.upload': { 'zh-CN': '文件超过 {mb} MB。', en: 'The file is larger than {mb} MB.' },
  'PAYLOAD_TOO_LARGE.unzips_too_large': {
    'zh-CN': '工作簿解压后超过 {mb} MB，请拆分为较小的文件。',
    en: 'The workbook unzips to more than {mb} MB; split it into smaller files.',
  },
  'BAD_REQUEST.too_many_rows': {
    'zh-CN': '工作表超过 {max} 行，每次最多导入 {max} 行。',
    en: 'The worksheet has more than {max} rows; import at most {max} at a time.',
  },
  'BAD_REQUEST.not_xlsx': {
    'zh-CN': '上传的文件不是可读取的 .xlsx 工作簿。',
    en: 'The upload is not a readable .xlsx workbook.',
  },
  'BAD_REQUEST.no_header_row': {
    'zh-CN': '工作簿中没有带表头行的工作表。',
    en: 'The workbook has no worksheet with a header row.',
  },
  'BAD_REQUEST.export_too_many_rows': {
    'zh-CN': '符合条件的 {type} 超过 {max} 行，请缩小筛选范围（state、from/to、q）分批导出。',
    en: 'More than {max} {type} rows match; narrow the filters (state, from/to, q) and export in parts.',
  },
  'VALIDATION_FAILED.spreadsheet_refused': {
    'zh-CN': '表格有 {count} 处问题，{what}：{first}{more}',
    en: 'The spreadsheet has {count} problem(s), {what}: {first}{more}',
  },
  'VALIDATION_FAILED.imported_before_failure': {
    'zh-CN': '出错前已导入 {count} 条',
    en: '{count} imported before the failure',
  },
  'VALIDATION_FAILED.nothing_imported': { 'zh-CN': '未导入任何数据', en: 'nothing was imported' },
  'VALIDATION_FAILED.sheet_row_problem': {
    'zh-CN': '第 {row} 行{field}：{message}',
    en: 'row {row}{field}: {message}',
  },
  'VALIDATION_FAILED.more_problems': { 'zh-CN': '（另有 {count} 处）', en: ' (+{count} more)' },
} as const satisfies Record<string, Entry>;
