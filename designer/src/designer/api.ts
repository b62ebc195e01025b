// The designer's calls to the engine: the definitions API (read, lint, publish) and
// the designer's dry runs (engine/designer).
import { api } from '../api/client';
import { forgetDefinitions } from '../api/definitions';
import type { DocumentPage, FieldError } from '../api/types';
import type { Definition, LocalizedText } from './model/types';

export interface VersionRow {
  version: number;
  source: string;
  publishedAt: string;
  publishedBy: { id: string; username: string } | null;
  documents: number;
}

export interface DefinitionOverview {
  key: string;
  title: LocalizedText;
  category: Definition['category'];
  latest: number;
  source: string;
  versions: VersionRow[];
  lint: { errors: number; warnings: number };
}

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
  i18n: LocalizedText;
}

export interface UpgradeReport {
  nextVersion: number;
  versions: Array<{ version: number; documents: number; valid: number }>;
  failures: Array<{ id: string; number: string; version: number; errors: FieldError[] }>;
}

export interface RuleExplanation {
  holds: boolean;
  text: string;
  vars: Record<string, unknown>;
  clauses?: Array<{ text: string; holds: boolean }>;
}

export interface DraftExplanation {
  data: Record<string, unknown>;
  levels: Array<{ key: string; label: LocalizedText; applies: boolean; why: RuleExplanation }>;
  outcome: { applicable: string[]; state: string | null };
}

/** The envelope GET /api/definitions/:key adds beside the definition itself. */
const ENVELOPE = ['version', 'source', 'publishedAt', 'publishedBy', 'findings'] as const;

export function stripEnvelope(body: Record<string, unknown>): Omit<Definition, 'version'> {
  const out = { ...body };
  for (const k of ENVELOPE) delete out[k];
  return out as unknown as Omit<Definition, 'version'>;
}

export const overview = () =>
  api<{ items: DefinitionOverview[] }>('GET', '/api/designer/definitions').then((b) => b.items);

export const fetchDefinition = (key: string, version?: number) =>
  api<Record<string, unknown>>(
    'GET',
    `/api/definitions/${encodeURIComponent(key)}${version ? `?version=${version}` : ''}`,
  );

export const lint = (def: object) =>
  api<{ findings: Finding[] }>('POST', '/api/definitions/lint', def).then((b) => b.findings);

export async function publish(key: string, def: object): Promise<{ version: number }> {
  const res = await api<{ version: number }>('PUT', `/api/definitions/${encodeURIComponent(key)}`, def);
  // The staff app's cached definitions (menu, forms) must see the new version.
  forgetDefinitions();
  return res;
}

export const upgradeDryRun = (key: string, def: object) =>
  api<UpgradeReport>('POST', `/api/designer/definitions/${encodeURIComponent(key)}/upgrade-dry-run`, {
    definition: def,
  });

export const explainDraft = (
  def: object,
  transition: string,
  data: Record<string, unknown>,
  id?: string,
  assume?: Record<string, unknown>,
) =>
  api<DraftExplanation>('POST', '/api/designer/explain', {
    definition: def,
    transition,
    data,
    ...(id ? { id } : {}),
    ...(assume ? { assume } : {}),
  });

export interface EffectEntry {
  name: string;
  builtin: boolean;
  registered: boolean;
  phase: 'before-commit' | 'after-commit';
}

/** Effects the engine's registry knows now: built-in and plugin-registered (engine/designer/effects.ts). */
export const listEffects = () => api<{ items: EffectEntry[] }>('GET', '/api/designer/effects').then((b) => b.items);

export const listRoles = () =>
  api<{ items: Array<{ key: string; label?: LocalizedText }> }>('GET', '/api/roles').then((b) => b.items);

export const printPreview = (type: string, body: string, id?: string) =>
  api<{ html: string } | { error: { message: string; line: number | null } }>('POST', '/api/designer/print-preview', {
    type,
    body,
    ...(id ? { id } : {}),
  });

export const listDocuments = (type: string) =>
  api<DocumentPage>('GET', `/api/documents/${encodeURIComponent(type)}?limit=20`);
