// Per-type document operations for the OpenAPI document, generated from the latest
// published definitions: `/api/documents/sales_order` and its siblings, with the
// type's data schema as request and response body, its states as the list filter,
// and one operation per transition. The generic `/api/documents/{type}` routes stay
// in the spec for types published later; these make each built-in type's shape
// visible to a client without reading the definition.
import type { CompiledDefinition, Definition, JsonSchema, TransitionDef } from '../definitions/index';

type Json = Record<string, unknown>;

const security = [{ bearerAuth: [] }];
const json = (schema: Json) => ({ 'application/json': { schema } });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const refused = {
  401: problem('no valid token'),
  403: problem('your roles may not do this'),
};

export const problemComponent: Json = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
};

const dataRef = (key: string) => ({ $ref: `#/components/schemas/${key}` });

/** A document of this type: the envelope with `data` of the type's schema. */
const documentOf = (key: string): Json => ({
  allOf: [
    { $ref: '#/components/schemas/Document' },
    { type: 'object', properties: { type: { const: key }, data: dataRef(key) } },
  ],
});

/** The data schema as a merge patch: nothing required at the top (arrays are still replaced whole). */
function patchSchemaOf(schema: JsonSchema): Json {
  const { required: _required, ...rest } = schema;
  return {
    ...rest,
    description: 'RFC 7396 merge patch over the stored data (null removes a field; arrays are replaced whole)',
  };
}

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

function listParameters(def: Definition): Json[] {
  const query = (name: string, schema: Json, description?: string) => ({
    name,
    in: 'query',
    required: false,
    schema,
    ...(description ? { description } : {}),
  });
  return [
    query('state', { type: 'string', enum: def.states.map((s) => s.key) }),
    query('q', { type: 'string', maxLength: 200 }, `searches ${(def.searchFields ?? []).join(', ') || 'the number'}`),
    query('sort', { type: 'string', maxLength: 80 }, 'field name, prefix - for descending (default -createdAt)'),
    query('limit', { type: 'integer', minimum: 1, maximum: 100 }),
    query('cursor', { type: 'string', maxLength: 1000 }, 'nextCursor of the previous page'),
  ];
}

function transitionOperation(def: Definition, transition: TransitionDef): Json {
  const requires = transition.requires ?? [];
  return {
    tags: [def.key],
    operationId: `${def.key}_${transition.key}`,
    summary: `${transition.label['zh-CN']} / ${transition.label.en}: ${transition.from.join(', ')} → ${transition.to}${transition.approval ? ' (with approval)' : ''}`,
    description: `Roles: ${transition.roles.join(', ') || '(see permissions)'}.`,
    security,
    parameters: [idParam],
    requestBody: {
      required: true,
      content: json({
        type: 'object',
        properties: {
          version: { type: 'integer', minimum: 1 },
          comment: { type: 'string', maxLength: 2000 },
          reason: { type: 'string', maxLength: 2000 },
        },
        required: ['version', ...requires],
        additionalProperties: false,
      }),
    },
    responses: {
      200: { description: 'the document after the transition', content: json(documentOf(def.key)) },
      ...refused,
      404: problem('no such document, or outside your read scope'),
      409: problem('stale version'),
      422: problem('the state does not allow it, or a guard failed'),
    },
  };
}

/** OpenAPI path items for one definition. */
function pathsOf(def: Definition): Record<string, Json> {
  const key = def.key;
  const title = `${def.title['zh-CN']} / ${def.title.en}`;
  const tags = [key];
  const paths: Record<string, Json> = {
    [`/api/documents/${key}`]: {
      post: {
        tags,
        operationId: `create_${key}`,
        summary: `Create a ${title}`,
        security,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: { data: dataRef(key) },
            required: ['data'],
            additionalProperties: false,
          }),
        },
        responses: {
          201: { description: `the new ${def.title.en}`, content: json(documentOf(key)) },
          ...refused,
          422: problem('validation or rule failure'),
        },
      },
      get: {
        tags,
        operationId: `list_${key}`,
        summary: `List ${title}`,
        security,
        parameters: listParameters(def),
        responses: {
          200: {
            description: 'a page of documents you may read',
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: documentOf(key) },
                nextCursor: { type: ['string', 'null'] },
              },
              required: ['items', 'nextCursor'],
            }),
          },
          ...refused,
        },
      },
    },
    [`/api/documents/${key}/{id}`]: {
      get: {
        tags,
        operationId: `get_${key}`,
        summary: `Get a ${title}`,
        security,
        parameters: [idParam],
        responses: {
          200: { description: 'the document', content: json(documentOf(key)) },
          ...refused,
          404: problem('no such document, or outside your read scope'),
        },
      },
      patch: {
        tags,
        operationId: `update_${key}`,
        summary: `Update a ${title}`,
        security,
        parameters: [idParam],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: { data: patchSchemaOf(def.schema), version: { type: 'integer', minimum: 1 } },
            required: ['data', 'version'],
            additionalProperties: false,
          }),
        },
        responses: {
          200: { description: 'the updated document', content: json(documentOf(key)) },
          ...refused,
          404: problem('no such document, or outside your read scope'),
          409: problem('stale version'),
          422: problem('validation failure, or the state is not editable'),
        },
      },
    },
  };
  for (const transition of def.transitions) {
    paths[`/api/documents/${key}/{id}/transitions/${transition.key}`] = { post: transitionOperation(def, transition) };
  }
  return paths;
}

export interface TypeSpec {
  paths: Record<string, Json>;
  tags: Array<{ name: string; description: string }>;
}

export function typeSpecOf(latest: CompiledDefinition[]): TypeSpec {
  const sorted = [...latest].sort((a, b) => a.def.key.localeCompare(b.def.key));
  const paths: Record<string, Json> = {};
  for (const { def } of sorted) Object.assign(paths, pathsOf(def));
  const tags = sorted.map(({ def }) => ({
    name: def.key,
    description: `${def.title['zh-CN']} / ${def.title.en} (${def.category}, definition version ${def.version})`,
  }));
  return { paths, tags };
}
