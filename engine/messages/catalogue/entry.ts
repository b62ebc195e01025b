/** One message in both languages; `{name}` is replaced by the parameter of that name. */
export interface Entry {
  'zh-CN': string;
  en: string;
}
