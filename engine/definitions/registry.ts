// The per-version cache of compiled definitions. A (key, version) is immutable
// once published, so its compiled form is cached for the life of the process and
// shared by every request. Which version is the latest can change (a publish on
// this or another engine replica), so that pointer is re-read from the store after
// `latestTtlMs`; a publish on this replica updates it at once. The re-read asks by
// primary key whether the version after it exists (a query for the highest
// version decodes every stored definition on FerretDB); every PROBES_PER_SCAN-th
// re-read is that full query anyway, as a built-in upgraded on another replica
// can skip numbers.
import { messageError } from '../messages/index';
import type { Store } from '../store/index';
import { compileDefinition, type CompiledDefinition, type DocumentPartsCompiler } from './compile-definition';
import { createDataValidatorFactory, type DataValidatorFactory } from './data-validator';
import { watchersOf } from './lookup-watches';
import { findRecord, hasVersion, latestVersionOf, listLatestRecords, type DefinitionRecord } from './service';
import { BUILTIN_EFFECTS, type Definition } from './types';

export interface DefinitionRegistry {
  /** A specific version; 404 when it does not exist. */
  get(key: string, version: number): Promise<CompiledDefinition>;
  /** The latest version; 404 when no definition has this key. */
  latest(key: string): Promise<CompiledDefinition>;
  /** Compiles without caching (publish checks a candidate before storing it). */
  compile(def: Definition): CompiledDefinition;
  /** Caches a just-published version and makes it the latest. */
  published(record: DefinitionRecord, compiled: CompiledDefinition): void;
  /** Forgets a version that was taken back (a plugin install rolled back): the latest is read from the store again. */
  withdrawn(key: string, version: number): void;
  /**
   * The latest definitions of other types that keep counters over `type`'s documents
   * (`crossCounters`, lookup-watches.ts): `type`'s changes move those counters too.
   */
  countedBy(type: string): Promise<CompiledDefinition[]>;
  /** Latest versions of all definitions, compiled (OpenAPI, lint's resolveDefinition). */
  allLatest(): Promise<CompiledDefinition[]>;
  /** How many definition versions this registry compiled (tests prove requests compile none). */
  buildCount(): number;
  /** The effect names a definition may use: the engine's effect registry (publish refuses others). */
  effects: KnownEffects;
  /** What documents builds and needs per version (publish makes its indexes). */
  documents: DocumentsPort;
}

/** What publishing needs from the engine's effect registry (documents/effects.ts implements it). */
export interface KnownEffects {
  knownNames(): string[];
  isKnown(name: string): boolean;
}

/**
 * What definitions needs from documents, passed in by the engine context
 * (documents' `documentsPort`): definitions sits below documents and imports
 * none of its code (docs/architecture.md, "Module map").
 */
export interface DocumentsPort {
  /** Documents' parts of a compiled version: computed fields, list spec, row filters, lookups, option labels. */
  compile: DocumentPartsCompiler;
  /** The store indexes a version's documents need; publish makes them before storing the version. */
  ensureIndexes(store: Store, def: Pick<Definition, 'key' | 'indexes'>): Promise<void>;
  /**
   * Publish calls it with the version it replaces: a lookup counted from this version
   * on, that the previous one did not count alike, starts again from the store.
   */
  restartCounters?(store: Store, previous: Definition | null, next: Definition): Promise<void>;
}

const builtinEffects: KnownEffects = {
  knownNames: () => [...BUILTIN_EFFECTS],
  isKnown: (name) => (BUILTIN_EFFECTS as readonly string[]).includes(name),
};

/**
 * Runs on every definition version compiled, after the built-in parts: a
 * capability precomputes what it needs per version (the engine context's
 * compile hooks, engine/context), so requests compile nothing.
 */
export type CompileHook = (compiled: CompiledDefinition) => void;

export interface RegistryOptions {
  latestTtlMs?: number;
  now?: () => number;
  /** The engine's compile hooks, read at each compile (a plugin may add one after start). */
  compileHooks?: () => CompileHook[];
  /** The engine's effect registry; default the built-in effect names only. */
  effects?: KnownEffects;
  /** Documents' side of compiling and publishing (required: a version is not usable without it). */
  documents: DocumentsPort;
}

const cacheKey = (key: string, version: number) => `${key}@${version}`;
const PROBES_PER_SCAN = 15;

const unknownType = (key: string) => messageError('NOT_FOUND.definition', { key });

export function createRegistry(store: Store, options: RegistryOptions): DefinitionRegistry {
  const ttl = options.latestTtlMs ?? 2000;
  const now = options.now ?? Date.now;
  const validators: DataValidatorFactory = createDataValidatorFactory();
  // Promises, so concurrent first requests for one version share one compile.
  const compiled = new Map<string, Promise<CompiledDefinition>>();
  const latestPointer = new Map<string, { version: number; at: number; probes: number }>();
  // One store read per key refreshes the pointer for every request that finds it expired at once.
  const refreshing = new Map<string, Promise<number>>();
  let builds = 0;
  // Who counts each type, as fresh as the latest pointers; a publish here drops it all.
  const watchers = new Map<string, { at: number; owners: Promise<string[]> }>();
  const build = (def: Definition, stored = false): CompiledDefinition => {
    builds += 1;
    const result = compileDefinition(def, validators, options.documents.compile, { stored });
    for (const hook of options.compileHooks?.() ?? []) hook(result);
    return result;
  };

  function fromRecord(record: DefinitionRecord): Promise<CompiledDefinition> {
    const id = cacheKey(record.key, record.version);
    let entry = compiled.get(id);
    if (!entry) {
      entry = Promise.resolve().then(() => build(record.definition, true));
      // A version that fails to compile is not cached, so a fixed engine can retry.
      entry.catch(() => compiled.delete(id));
      compiled.set(id, entry);
    }
    return entry;
  }

  async function get(key: string, version: number): Promise<CompiledDefinition> {
    const cached = compiled.get(cacheKey(key, version));
    if (cached) return cached;
    const record = await findRecord(store, key, version);
    if (!record) throw messageError('NOT_FOUND.definition_version', { key, version });
    return fromRecord(record);
  }

  /** The latest version now: the one after the known latest while there is one, else the query for the highest. */
  async function readLatest(key: string): Promise<number> {
    const pointer = latestPointer.get(key);
    if (pointer && pointer.probes < PROBES_PER_SCAN && (await hasVersion(store, key, pointer.version))) {
      let version = pointer.version;
      while (await hasVersion(store, key, version + 1)) version += 1;
      latestPointer.set(key, { version, at: now(), probes: pointer.probes + 1 });
      return version;
    }
    const version = await latestVersionOf(store, key);
    if (version === null) throw unknownType(key);
    latestPointer.set(key, { version, at: now(), probes: 0 });
    return version;
  }

  function refreshLatest(key: string): Promise<number> {
    let pending = refreshing.get(key);
    if (!pending) {
      pending = readLatest(key).finally(() => refreshing.delete(key));
      refreshing.set(key, pending);
    }
    return pending;
  }

  async function latest(key: string): Promise<CompiledDefinition> {
    const pointer = latestPointer.get(key);
    if (pointer && now() - pointer.at < ttl) return get(key, pointer.version);
    return get(key, await refreshLatest(key));
  }

  async function countedBy(type: string): Promise<CompiledDefinition[]> {
    let entry = watchers.get(type);
    if (!entry || now() - entry.at >= ttl) {
      entry = { at: now(), owners: watchersOf(store, type) };
      entry.owners.catch(() => watchers.delete(type));
      watchers.set(type, entry);
    }
    const owners = await Promise.all((await entry.owners).map((key) => latest(key).catch(() => null)));
    return owners.filter((o): o is CompiledDefinition => !!o && o.crossCounters.some((l) => l.def.type === type));
  }

  return {
    get,
    latest,
    countedBy,
    compile: (def) => build(def),
    buildCount: () => builds,
    effects: options.effects ?? builtinEffects,
    documents: options.documents,
    published(record, result) {
      compiled.set(cacheKey(record.key, record.version), Promise.resolve(result));
      latestPointer.set(record.key, { version: record.version, at: now(), probes: 0 });
      watchers.clear();
    },
    withdrawn(key, version) {
      // The number may be published again with another body, so its compiled form must go too.
      compiled.delete(cacheKey(key, version));
      latestPointer.delete(key);
      watchers.clear();
    },
    async allLatest() {
      const records = await listLatestRecords(store);
      return Promise.all(records.map(fromRecord));
    },
  };
}
