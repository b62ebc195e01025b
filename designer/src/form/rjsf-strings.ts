// rjsf's own button and label texts in zh-CN; English falls back to rjsf's, but
// for the few said better for a shop.
import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Locale } from '../api/types';

const zh: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddItemButton]: '添加明细',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.ErrorsLabel]: '错误',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.EmptyArray]: '还没有明细，请点下方按钮添加。',
};

const en: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddItemButton]: 'Add line',
  [TranslatableString.EmptyArray]: 'No lines yet; add one with the button below.',
};

export function stringTranslator(locale: Locale) {
  return (key: TranslatableString, params?: string[]): string => {
    const text = locale === 'zh-CN' ? zh[key] : en[key];
    return text ? replaceStringParameters(text, params) : englishStringTranslator(key, params);
  };
}
