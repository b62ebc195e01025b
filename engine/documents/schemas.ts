// Route schemas of the documents API: request shapes are checked by Fastify before
// a handler runs, and they document the API in /openapi.json. Per-type data
// schemas are added to the OpenAPI components from the definitions (openapi.ts).

export const typeParam = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{1,63}$',
  description: 'definition key, e.g. sales_order',
} as const;
export const idParam = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

export const typeParams = {
  type: 'object',
  properties: { type: typeParam },
  required: ['type'],
  additionalProperties: false,
} as const;

export const docParams = {
  type: 'object',
  properties: { type: typeParam, id: idParam },
  required: ['type', 'id'],
  additionalProperties: false,
} as const;

const actor = { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } } as const;

export const documentSchema = {
  $id: 'Document',
  type: 'object',
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    number: { type: 'string' },
    state: { type: 'string' },
    version: { type: 'integer' },
    definitionVersion: { type: 'integer' },
    data: {
      type: 'object',
      additionalProperties: true,
      description: "the definition's fields (components.schemas.<type>)",
    },
    display: {
      type: 'object',
      additionalProperties: true,
      description:
        "labelled select fields as their label in the caller's language (Accept-Language), lines by position; on GET and lists",
    },
    approval: { type: ['object', 'null'], additionalProperties: true },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: [
    'id',
    'type',
    'number',
    'state',
    'version',
    'definitionVersion',
    'data',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
} as const;

export const createBody = {
  type: 'object',
  properties: { data: { type: 'object', description: "the definition's fields; computed fields are ignored" } },
  required: ['data'],
  additionalProperties: false,
} as const;

export const lookupsBody = {
  type: 'object',
  properties: {
    data: { type: 'object', description: 'the form data typed so far (computed fields as previewed)' },
    id: { ...idParam, description: 'the document being edited: it does not count itself' },
  },
  required: ['data'],
  additionalProperties: false,
} as const;

export const patchBody = {
  type: 'object',
  properties: {
    data: { type: 'object', description: 'RFC 7396 merge patch over the stored data (null removes a field)' },
    version: { type: 'integer', minimum: 1, description: 'the version you read; a stale one is refused with 409' },
  },
  required: ['data', 'version'],
  additionalProperties: false,
} as const;

export const transitionBody = {
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1 },
    comment: { type: 'string', maxLength: 2000 },
    reason: { type: 'string', maxLength: 2000 },
  },
  required: ['version'],
  additionalProperties: false,
} as const;

export const idempotencyHeaders = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const listQuery = {
  type: 'object',
  properties: {
    state: { type: 'string', maxLength: 64 },
    q: { type: 'string', maxLength: 200 },
    sort: { type: 'string', maxLength: 80, description: 'field name, prefix - for descending (default -createdAt)' },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    cursor: { type: 'string', maxLength: 1000 },
    from: { type: 'string', maxLength: 40 },
    to: { type: 'string', maxLength: 40 },
  },
  // Equality filters on the definition's list columns and indexed fields (by last path segment).
  additionalProperties: { type: 'string', maxLength: 200 },
} as const;

export const getQuery = {
  type: 'object',
  properties: {
    asOf: { type: 'integer', minimum: 1, description: 'show the document as it was after this history event' },
  },
  additionalProperties: false,
} as const;

export const historySchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq: { type: 'integer' },
          kind: { type: 'string' },
          transition: { type: 'string' },
          actor,
          at: { type: 'string', format: 'date-time' },
          from: { type: ['string', 'null'] },
          to: { type: 'string' },
          diff: { type: 'array', items: { type: 'object', additionalProperties: true } },
          reason: { type: 'string' },
          comment: { type: 'string' },
          effects: { type: 'array', items: { type: 'string' } },
          details: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;
