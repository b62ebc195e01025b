// Publishing a definition: meta-schema + linter must report no errors, every rule,
// row filter and template must compile, then version n+1 is stored (never
// overwriting an earlier one), the documents collection gets the definition's
// indexes and the publish is audited.
import { recordAudit } from '../audit/index';
import { type AppError, type FieldError } from '../errors';
import { fieldError, messageError } from '../messages/index';
import type { Store } from '../store/index';
import type { CompiledDefinition } from './compile-definition';
import { lintDefinition, hasErrors } from './lint/index';
import { recordLookupWatches } from './lookup-watches';
import type { DefinitionRegistry } from './registry';
import {
  DEFINITIONS_COLLECTION,
  definitionRecordId,
  insertVersion,
  latestRecord,
  type DefinitionRecord,
} from './service';
import { parseDefinition } from './validate-definition';
import type { Definition, Finding } from './types';

export interface PublishInput {
  body: unknown;
  /** The key in the URL; the body's key must match it (or be absent). */
  key: string;
  source: string;
  actor: { id: string; username: string } | null;
  ip?: string;
  now?: Date;
  /** Built-ins keep the version number of their file; the API always publishes n+1. */
  version?: number;
  /** Definitions published together with this one (built-ins, a plugin): they may reference each other. */
  companions?: Definition[];
}

export interface PublishResult {
  record: DefinitionRecord;
  findings: Finding[];
}

/** Effect names not in the registry are a publish error (the linter only warns, for plugins that load later). */
function unknownEffects(registry: DefinitionRegistry, def: Definition): Finding[] {
  const out: Finding[] = [];
  def.transitions.forEach((t, i) => {
    const uses = [
      ...(t.effects ?? []).map((e, j) => [e, `/transitions/${i}/effects/${j}`]),
      ...(t.approval?.effects ?? []).map((e, j) => [e, `/transitions/${i}/approval/effects/${j}`]),
    ];
    for (const [effect, path] of uses) {
      if (registry.effects.isKnown(effect)) continue;
      const zh = `效果 “${effect}” 没有注册，无法发布`;
      const en = `effect "${effect}" is not registered, so the definition cannot be published`;
      out.push({
        rule: 'unknown-effect',
        severity: 'error',
        path,
        message: `${zh} / ${en}`,
        i18n: { 'zh-CN': zh, en },
      });
    }
  });
  return out;
}

const asErrors = (findings: Finding[]): FieldError[] =>
  findings.filter((f) => f.severity === 'error').map((f) => ({ path: f.path, message: f.message, i18n: f.i18n }));

function refuse(key: string, findings: Finding[]): AppError {
  const errors = asErrors(findings);
  return messageError(
    'VALIDATION_FAILED.definition_not_publishable',
    { key, count: errors.length },
    {
      errors,
      extra: { findings },
    },
  );
}

/** What GET /api/definitions/:key adds around a definition; PUT and lint accept it back and ignore it. */
export const ENVELOPE_FIELDS = ['source', 'publishedAt', 'publishedBy'] as const;

/** The definition without its envelope, so what GET returns can be sent back as it is (round trip). */
export function withoutEnvelope(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of ENVELOPE_FIELDS) delete copy[field];
  return copy;
}

/** Meta-schema, lint and registry checks; returns all findings (errors block publishing). */
export async function checkDefinition(
  registry: DefinitionRegistry,
  input: unknown,
  companions: Definition[] = [],
): Promise<Finding[]> {
  const body = withoutEnvelope(input);
  const latest = await registry.allLatest();
  const byKey = new Map([
    ...latest.map((c) => [c.def.key, c.def] as const),
    ...companions.map((d) => [d.key, d] as const),
  ]);
  const findings = lintDefinition(body, {
    resolveDefinition: (k) => byKey.get(k),
    effects: registry.effects.knownNames(),
  });
  if (hasErrors(findings)) return findings;
  const { definition } = parseDefinition(body);
  return [...findings, ...unknownEffects(registry, definition as Definition)];
}

export async function publishDefinition(
  store: Store,
  registry: DefinitionRegistry,
  input: PublishInput,
): Promise<PublishResult> {
  const bodyKey = (input.body as { key?: unknown } | null)?.key;
  if (bodyKey !== undefined && bodyKey !== input.key) {
    throw messageError(
      'VALIDATION_FAILED.body_key_mismatch',
      { bodyKey: String(bodyKey), key: input.key },
      { errors: [fieldError('/key', 'VALIDATION_FAILED.must_be_url_key', { key: input.key })] },
    );
  }
  const body = { ...(withoutEnvelope(input.body) as object), key: input.key };
  const findings = await checkDefinition(registry, body, input.companions);
  if (hasErrors(findings)) throw refuse(input.key, findings);

  const previous = await latestRecord(store, input.key);
  const version = input.version ?? (previous?.version ?? 0) + 1;
  const definition = { ...(parseDefinition(body).definition as Definition), version };
  // Rules, row filters and templates compile here, before anything is stored; a
  // failure is a 422 naming the path (AppError VALIDATION_FAILED from the compilers).
  const compiled: CompiledDefinition = registry.compile(definition);
  const now = input.now ?? new Date();
  // Before storing: a unique index the existing documents violate fails the publish, not later writes.
  await registry.documents.ensureIndexes(store, definition);
  const record = await insertVersion(store, {
    key: input.key,
    version,
    definition,
    source: input.source,
    publishedBy: input.actor,
    publishedAt: now,
  });
  // Before the cache drops: a type this one counts finds it on its next change.
  await registry.documents.restartCounters?.(store, previous?.definition ?? null, definition);
  await recordLookupWatches(store, compiled);
  registry.published(record, compiled);
  await recordAudit(
    store,
    {
      action: 'definition.published',
      actor: input.actor,
      ip: input.ip,
      subject: `definition:${input.key}@${version}`,
      details: {
        key: input.key,
        version,
        previousVersion: previous?.version ?? null,
        source: input.source,
        warnings: findings.length,
      },
    },
    now,
  );
  return { record, findings };
}

/**
 * Takes back a version that was just published (a plugin whose install or
 * upgrade failed part-way): its record goes and the registry forgets it, so the
 * version before it is the latest again. Only for versions no document uses yet.
 */
export async function withdrawDefinition(
  store: Store,
  registry: DefinitionRegistry,
  version: { key: string; version: number },
): Promise<void> {
  await store
    .collection<DefinitionRecord>(DEFINITIONS_COLLECTION)
    .deleteOne({ _id: definitionRecordId(version.key, version.version) });
  registry.withdrawn(version.key, version.version);
  const before = await registry.latest(version.key).catch(() => null);
  if (before) await recordLookupWatches(store, before);
}
