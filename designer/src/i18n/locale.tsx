// The UI language as React sees it: i18next for chrome strings, antd's locale
// for its components, dayjs for dates, and `pick` for the {zh-CN, en} labels
// definitions carry. Switching is instant and remembered (see ./index.ts).
import { ConfigProvider, App as AntApp } from 'antd';
import enUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { Locale } from '../api/types';
import { initI18n, rememberedLocale, rememberLocale, type MessageKey } from './index';

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, options?: Record<string, unknown>): string;
  /** A {zh-CN, en} label from a definition in the current language. */
  pick(label: Partial<Record<Locale, string>> | undefined, fallback?: string): string;
}

const LocaleContext = createContext<{
  locale: Locale;
  setLocale(locale: Locale): void;
  username?: string;
  setUsername(u?: string): void;
} | null>(null);

const i18n = initI18n(rememberedLocale());

const THEME = { token: { colorPrimary: '#1664ff', borderRadius: 6 } };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => rememberedLocale());
  const [username, setUsernameState] = useState<string | undefined>();
  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    void i18n.changeLanguage(locale);
  }, [locale]);
  const setUsername = useCallback((next?: string) => {
    setUsernameState(next);
    // A user's own choice wins over the browser's once they sign in.
    if (next) setLocaleState(rememberedLocale(next));
  }, []);
  const value = useMemo(
    () => ({
      locale,
      username,
      setLocale(next: Locale) {
        rememberLocale(next, username);
        setLocaleState(next);
      },
      setUsername,
    }),
    [locale, username, setUsername],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <LocaleContext.Provider value={value}>
        <ConfigProvider locale={locale === 'en' ? enUS : antdZhCN} theme={THEME}>
          <AntApp>{children}</AntApp>
        </ConfigProvider>
      </LocaleContext.Provider>
    </I18nextProvider>
  );
}

export function useLocaleControl() {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocaleControl outside I18nProvider');
  return value;
}

export function useI18n(): I18n {
  const control = useLocaleControl();
  const { t } = useTranslation();
  const { locale, setLocale } = control;
  return useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, options) => String(t(key, options ?? {})),
      pick: (label, fallback = '') => label?.[locale] ?? label?.['zh-CN'] ?? fallback,
    }),
    [locale, setLocale, t],
  );
}
