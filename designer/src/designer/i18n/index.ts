// The designer's strings join the app's i18next instance as their own namespace when
// this chunk loads, so the staff app's bundle carries none of them.
import i18next from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGES, type DesignerKey } from './messages';

export const NS = 'designer';

const bundle = (i: 0 | 1) => Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v[i]]));

export function addDesignerResources(): void {
  if (!i18next.hasResourceBundle('zh-CN', NS)) i18next.addResourceBundle('zh-CN', NS, bundle(0));
  if (!i18next.hasResourceBundle('en', NS)) i18next.addResourceBundle('en', NS, bundle(1));
}

export function useDt(): (key: DesignerKey, options?: Record<string, unknown>) => string {
  const { t } = useTranslation(NS);
  return useCallback((key, options) => String(t(key, options ?? {})), [t]);
}

export type { DesignerKey };
