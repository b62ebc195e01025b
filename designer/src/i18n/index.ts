// i18next set-up: zh-CN by default, English on request. The choice is remembered
// in localStorage per user (a shared shop PC serves several people) and, before
// anyone signs in, per browser.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../api/types';
import { en } from './resources/en';
import { zhCN } from './resources/zh-CN';

const BROWSER_KEY = 'jxc.locale';
const userKey = (username: string) => `jxc.locale.${username}`;

export type MessageKey = keyof typeof zhCN;

function parse(value: string | null): Locale | null {
  return value === 'en' || value === 'zh-CN' ? value : null;
}

export function rememberedLocale(username?: string): Locale {
  return (
    (username && parse(localStorage.getItem(userKey(username)))) || parse(localStorage.getItem(BROWSER_KEY)) || 'zh-CN'
  );
}

export function rememberLocale(locale: Locale, username?: string): void {
  localStorage.setItem(BROWSER_KEY, locale);
  if (username) localStorage.setItem(userKey(username), locale);
}

export function initI18n(locale: Locale): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
