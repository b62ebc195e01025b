// A new document type: from nothing (a draft state and a finished one, so it lints
// clean and can be filled at once) or as a copy of an existing definition.
import type { Definition, LocalizedText } from './types';

export function blankDefinition(
  key: string,
  title: LocalizedText,
  category: Definition['category'] = 'document',
): Definition {
  const prefix =
    key
      .replace(/[^a-z]/g, '')
      .slice(0, 3)
      .toUpperCase() || 'DOC';
  return {
    key,
    version: 0,
    title,
    category,
    schema: { type: 'object', properties: {}, required: [] },
    uiSchema: {},
    numbering: { pattern: `${prefix}-{YYYY}{MM}{DD}-{seq:4}` },
    states: [
      { key: 'draft', label: { 'zh-CN': '草稿', en: 'Draft' }, color: 'default', editable: true, terminal: false },
      { key: 'done', label: { 'zh-CN': '已完成', en: 'Done' }, color: 'green', editable: false, terminal: true },
    ],
    initialState: 'draft',
    transitions: [
      { key: 'finish', from: ['draft'], to: 'done', label: { 'zh-CN': '完成', en: 'Finish' }, roles: ['admin'] },
    ],
    listColumns: ['number', 'state', 'createdAt'],
    searchFields: ['number'],
  };
}

export function copyDefinition(source: Definition, key: string, title: LocalizedText): Definition {
  const copy = structuredClone(source);
  return { ...copy, key, title };
}
