// POST /api/documents/:type/import. Every row is checked before anything is
// written — references, the definition's validator (the same messages as the
// API), default prices, unique keys in the file and in the store — and with one
// bad row nothing is imported unless the caller asked for a partial import.
// Documents are then created one by one through the documents service, so
// numbering, computed fields, events and permissions are exactly the API's.
import type { CompiledDefinition, DefinitionRegistry } from '../definitions/index';
import {
  createDocument,
  prepareNewData,
  documentsCollection,
  assertMayCreate,
  referenceScope,
  type ReferenceScope,
  type RuleUser,
} from '../documents/index';
import { messageError } from '../messages/index';
import { AppError, type FieldError } from '../errors';
import { fieldError, localized, localizeErrors, renderMessage, type MessageLocale } from '../messages/index';
import { newId, type Store } from '../store/index';
import { locate, sheetDrafts, type Draft, type ImportError } from './drafts';
import { readSheet } from './read-sheet';
import { referenceBook } from './references';

export interface ImportInput {
  type: string;
  file: Buffer;
  user: RuleUser;
  now: Date;
  /** Import the valid rows and report the others. */
  partial: boolean;
  /** Check only; write nothing. */
  dryRun: boolean;
}

export interface ImportReport {
  imported: number;
  /** Documents that passed every check (and were imported unless dryRun). */
  valid: number;
  errors: ImportError[];
  documents: Array<{ row: number; id: string; number: string }>;
  ignoredColumns: string[];
}

/** A refusal without field errors as a row error: its catalogue entry goes along, so the report renders it too. */
function wholeError(err: AppError): FieldError {
  return { path: '', message: err.message, ...(err.messageKey ? { key: err.messageKey, params: err.params } : {}) };
}

async function checkDraft(
  store: Store,
  compiled: CompiledDefinition,
  draft: Draft,
  input: ImportInput & { references: ReferenceScope },
  columnOf: Map<string, string>,
): Promise<void> {
  try {
    const { user, now, references } = input;
    await prepareNewData(store, { compiled, data: draft.data, user, now, id: newId(), references });
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const errors = err.errors?.length ? err.errors : [wholeError(err)];
    draft.errors.push(...errors.map((e) => locate(draft, e, columnOf)));
  }
}

/** Unique single-field indexes (`data.sku`): a value twice in the file, or already stored, is a row error. */
async function checkUnique(
  store: Store,
  compiled: CompiledDefinition,
  drafts: Draft[],
  columnOf: Map<string, string>,
): Promise<void> {
  for (const index of compiled.def.indexes ?? []) {
    const paths = Object.keys(index.keys);
    if (!index.unique || paths.length !== 1 || !paths[0].startsWith('data.') || paths[0].split('.').length !== 2)
      continue;
    const field = paths[0].slice('data.'.length);
    const seen = new Map<unknown, number>();
    for (const draft of drafts) {
      const value = draft.data[field];
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, draft.firstRow);
      else
        draft.errors.push(
          locate(draft, fieldError(`/${field}`, 'VALIDATION_FAILED.same_value_as_row', { row: first }), columnOf),
        );
    }
    if (seen.size === 0) continue;
    const stored = await documentsCollection(store, compiled.def.key).find(
      { [paths[0]]: { $in: [...seen.keys()] } },
      { projection: { data: 1 } },
    );
    const taken = new Set(stored.map((d) => d.data[field]));
    for (const draft of drafts) {
      if (taken.has(draft.data[field]))
        draft.errors.push(
          locate(
            draft,
            fieldError(`/${field}`, 'VALIDATION_FAILED.value_exists', { value: String(draft.data[field]) }),
            columnOf,
          ),
        );
    }
  }
}

/** The first three row errors, each in both languages. */
function firstProblems(errors: readonly ImportError[]): Record<MessageLocale, string> {
  const text = (locale: MessageLocale, separator: string) =>
    localizeErrors(errors.slice(0, 3), locale)
      .map((e) =>
        renderMessage('VALIDATION_FAILED.sheet_row_problem', locale, {
          row: e.row,
          field: e.field ? ` ${e.field}` : '',
          message: e.message,
        }),
      )
      .join(separator);
  return { 'zh-CN': text('zh-CN', '；'), en: text('en', '; ') };
}

function refused(report: ImportReport): AppError {
  const extraCount = report.errors.length - 3;
  return messageError(
    'VALIDATION_FAILED.spreadsheet_refused',
    {
      count: report.errors.length,
      what:
        report.imported > 0
          ? localized('VALIDATION_FAILED.imported_before_failure', { count: report.imported })
          : localized('VALIDATION_FAILED.nothing_imported'),
      first: firstProblems(report.errors),
      more: extraCount > 0 ? localized('VALIDATION_FAILED.more_problems', { count: extraCount }) : '',
    },
    {
      errors: report.errors,
      extra: {
        imported: report.imported,
        valid: report.valid,
        documents: report.documents,
        ignoredColumns: report.ignoredColumns,
      },
    },
  );
}

const byRow = (a: ImportError, b: ImportError) => a.row - b.row;

export async function importSpreadsheet(
  store: Store,
  registry: DefinitionRegistry,
  input: ImportInput,
): Promise<ImportReport> {
  const compiled = await registry.latest(input.type);
  assertMayCreate(compiled.def, input.user);
  const references = referenceScope(registry, input.user);
  const sheet = await readSheet(input.file);
  const parsed = await sheetDrafts(sheet, compiled, referenceBook(store, registry, input.user));
  const report: ImportReport = {
    imported: 0,
    valid: 0,
    errors: parsed.errors,
    documents: [],
    ignoredColumns: parsed.ignoredColumns,
  };
  if (report.errors.length > 0) throw refused(report);
  for (const draft of parsed.drafts)
    if (draft.errors.length === 0) await checkDraft(store, compiled, draft, { ...input, references }, parsed.columnOf);
  await checkUnique(store, compiled, parsed.drafts, parsed.columnOf);
  const valid = parsed.drafts.filter((d) => d.errors.length === 0);
  report.valid = valid.length;
  report.errors = parsed.drafts.flatMap((d) => d.errors).sort(byRow);
  if (report.errors.length > 0 && !input.partial) throw refused(report);
  if (input.dryRun) return report;
  for (const draft of valid) {
    try {
      const doc = await createDocument(store, {
        compiled,
        data: draft.data,
        user: input.user,
        now: input.now,
        references,
        registry,
      });
      report.imported += 1;
      report.documents.push({ row: draft.firstRow, id: doc._id, number: doc.number });
    } catch (err) {
      // A write refused after the checks (another user took the same code meanwhile).
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      report.errors.push(
        ...(err.errors?.length ? err.errors : [wholeError(err)]).map((e) => locate(draft, e, parsed.columnOf)),
      );
      if (!input.partial) throw refused(report);
    }
  }
  report.errors.sort(byRow);
  return report;
}
