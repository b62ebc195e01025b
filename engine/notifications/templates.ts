// E-mail bodies are Handlebars templates per notification kind and language
// (templates/<kind>.<lang>.hbs), falling back to templates/default.<lang>.hbs.
// Compiled once per mailer, HTML-escaped by Handlebars.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Locale } from '../definitions/index';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');

export interface MailView {
  title: string;
  message: string;
  username: string;
  subject?: { type: string; id: string; number?: string } | null;
  kind: string;
}

export type TemplateRenderer = (kind: string, language: Locale, view: MailView) => string;

export function createTemplateRenderer(dir = DIR): TemplateRenderer {
  const compiled = new Map<string, HandlebarsTemplateDelegate<MailView>>();
  const load = (name: string): HandlebarsTemplateDelegate<MailView> | null => {
    const cached = compiled.get(name);
    if (cached) return cached;
    const file = path.join(dir, `${name}.hbs`);
    if (!existsSync(file)) return null;
    const template = Handlebars.compile<MailView>(readFileSync(file, 'utf8'), { strict: false });
    compiled.set(name, template);
    return template;
  };
  return (kind, language, view) => {
    const template = load(`${kind}.${language}`) ?? load(`default.${language}`);
    if (!template) throw new Error(`no e-mail template for ${kind} in ${language}`);
    return template(view);
  };
}
