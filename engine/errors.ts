// One catalogue of error codes. Each code has a stable name, an HTTP status and a
// default title. engine/http/problem.ts is the one place that turns these into
// application/problem+json; test/errors/catalogue.test.ts checks every code is
// documented in docs/errors.md. User-facing details in zh-CN and en live in the
// message catalogue (engine/messages), keyed by these codes.
import type { MessageKey, MessageParams } from './messages/index';

export const errorCatalogue = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_QUERY: { status: 400, title: 'Invalid query parameter' },
  UNAUTHORIZED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  VERSION_CONFLICT: { status: 409, title: 'Version conflict' },
  DUPLICATE_KEY: { status: 409, title: 'Duplicate value' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  RULE_FAILED: { status: 422, title: 'Business rule failed' },
  IDEMPOTENCY_MISMATCH: { status: 422, title: 'Idempotency key reused with a different body' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  STORE_LOCKED: { status: 503, title: 'Data directory in use' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  /** JSON Pointer to the offending field, e.g. `/lines/0/qty`; `` for the whole body. */
  path: string;
  message: string;
  /** The message's catalogue entry (engine/messages `fieldError`): answers render it in the caller's language. */
  key?: MessageKey;
  params?: MessageParams;
  /** A message already written in both languages (a definition lint finding): answers pick the caller's. */
  i18n?: { 'zh-CN': string; en: string };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  /** Extra members for the problem body (e.g. requested/available quantities). */
  readonly extra?: Record<string, unknown>;
  /** The catalogue entry of the detail (engine/messages), rendered in the caller's language. */
  readonly messageKey?: MessageKey;
  readonly params?: MessageParams;

  constructor(
    code: ErrorCode,
    message?: string,
    options: {
      errors?: FieldError[];
      extra?: Record<string, unknown>;
      cause?: unknown;
      key?: MessageKey;
      params?: MessageParams;
    } = {},
  ) {
    super(message ?? errorCatalogue[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.errors = options.errors;
    this.extra = options.extra;
    this.messageKey = options.key;
    this.params = options.params;
  }
}

/** Thrown by both store adapters when a unique index would be violated. */
export class DuplicateKeyError extends AppError {
  readonly collection: string;
  readonly index: string;
  constructor(collection: string, index: string, cause?: unknown) {
    // The index and collection are for the log; a caller reads the catalogue's "this value already exists".
    super('DUPLICATE_KEY', `Duplicate value for unique index ${index} in ${collection}`, {
      cause,
      key: 'DUPLICATE_KEY',
    });
    this.name = 'DuplicateKeyError';
    this.collection = collection;
    this.index = index;
  }
}

/** Configuration errors stop start-up with one line and no stack trace. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
