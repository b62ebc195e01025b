// OpenAPI 3.1 at /openapi.json and the Swagger UI at /docs. Route schemas describe
// the fixed API; each definition's data schema is added as a component named by its
// key (`components.schemas.sales_order`) and gets its own operations
// (`/api/documents/sales_order`, openapi-types.ts), taken from the latest published
// versions when the spec is requested, so a publish shows up without a restart.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { CompiledDefinition } from '../definitions/index';
import { problemComponent, typeSpecOf } from './openapi-types';

type Spec = Record<string, unknown> & {
  components?: Record<string, unknown> & { schemas?: Record<string, unknown> };
  paths?: Record<string, unknown>;
  tags?: unknown[];
};

function withTypeSchemas(spec: Spec, latest: CompiledDefinition[]): Spec {
  const schemas: Record<string, unknown> = { Problem: problemComponent, ...(spec.components?.schemas ?? {}) };
  for (const { def } of latest) {
    schemas[def.key] = {
      ...def.schema,
      title: def.title.en,
      description: `${def.title['zh-CN']} / ${def.title.en} (definition version ${def.version})`,
    };
  }
  const types = typeSpecOf(latest);
  return {
    ...spec,
    tags: [...(spec.tags ?? []), ...types.tags],
    paths: { ...types.paths, ...spec.paths },
    components: { ...spec.components, schemas },
  };
}

async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'jinxiaocun-flow engine',
        description:
          'Low-code workflow and form engine for 进销存 ERP. Document data schemas are under components.schemas.<definition key>.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    // Shared schemas keep their `$id` as the component name (`Document`), not `def-0`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  // The UI reads /docs/json, which is built from a snapshot refreshed whenever
  // /openapi.json is served or the UI is opened (transformSpecification is synchronous).
  let latest: CompiledDefinition[] = [];
  const refresh = async () => {
    latest = await app.definitions.allLatest();
  };
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: {
      deepLinking: true,
      // No top bar: its inline-styled logo breaks the CSP, and its URL box would load any spec.
      layout: 'BaseLayout',
      // One tag per document type: list them collapsed, with a filter box.
      docExpansion: 'none',
      filter: true,
    },
    uiHooks: {
      onRequest: (_request, _reply, done) => {
        refresh().then(() => done(), done);
      },
    },
    transformSpecification: (spec) => withTypeSchemas(spec as unknown as Spec, latest),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => {
    await refresh();
    return withTypeSchemas(app.swagger() as unknown as Spec, latest);
  });
}

export const openapiPlugin = fp(openapi, { name: 'openapi', dependencies: ['definitions'], fastify: '5.x' });
