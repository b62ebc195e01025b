// Route schemas of the approvals API. Required business fields (a rejection's
// comment, a request's reason) are checked by the services so a missing one is a
// 422 naming the field, like every other business rule, not a 400.
import { documentSchema } from '../documents/index';

const { $id: _id, ...documentShape } = documentSchema;
/** The Document shape (documents/schemas.ts), inlined: its shared `$ref` lives in the documents routes' scope. */
export const documentResponse = documentShape;

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } as const;
const text = { type: 'string', maxLength: 2000 } as const;

export const decisionBody = {
  type: 'object',
  properties: {
    comment: text,
    level: { ...key, description: 'the level you meant to decide; 409 if another level is open by now' },
  },
  additionalProperties: false,
} as const;

export const changeRequestBody = {
  type: 'object',
  properties: {
    patch: { type: 'object', description: 'RFC 7396 merge patch over the data (arrays are replaced whole)' },
    reason: text,
    version: {
      type: 'integer',
      minimum: 1,
      description: 'The document version the change was made against; a stale one is 409',
    },
  },
  required: ['version'],
  additionalProperties: false,
} as const;

export const cancellationBody = {
  type: 'object',
  properties: { reason: text },
  additionalProperties: false,
} as const;

export const explainBody = {
  type: 'object',
  properties: {
    type: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' },
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    data: {
      type: 'object',
      description: 'values to explain; with `id`, a merge patch over the document (a proposed change)',
    },
    transition: { ...key, description: 'a transition key, or "change" for change requests' },
  },
  required: ['type', 'transition'],
  additionalProperties: false,
} as const;

export const delegationBody = {
  type: 'object',
  properties: {
    to: { type: 'string', minLength: 1, maxLength: 100, description: 'user id or username of the delegate' },
    from: { type: 'string', maxLength: 40, description: 'first day (2026-03-02) or a date-time with zone' },
    until: { type: 'string', maxLength: 40, description: 'last day (inclusive) or a date-time with zone' },
  },
  required: ['to', 'from', 'until'],
  additionalProperties: false,
} as const;

const actor = { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } } as const;

export const delegationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    delegator: actor,
    delegate: actor,
    from: { type: 'string', format: 'date-time' },
    until: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const inboxResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: {
          type: { type: 'string' },
          id: { type: 'string' },
          number: { type: 'string' },
          total: {},
          level: { type: 'object', additionalProperties: true },
          openedAt: { type: 'string', format: 'date-time' },
          waitingMs: { type: 'integer', description: 'milliseconds since the level opened' },
        },
      },
    },
  },
} as const;

/** Users the caller may delegate approvals to (GET /api/approvals/delegations/candidates). */
export const delegateCandidatesResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, username: { type: 'string' } },
        required: ['id', 'username'],
      },
    },
  },
  required: ['items'],
} as const;
