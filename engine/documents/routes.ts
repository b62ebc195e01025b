// The documents API (DESIGN §10). Handlers only parse, call one service function
// and reply; every rule lives in the service files beside this one.
import type { FastifyInstance } from 'fastify';
import { localeFrom, scalarQueryHook, userOf } from '../http/index';
import { PAPERS, type Paper } from '../print/index';
import { createDocument } from './create-document';
import { toView } from './document-record';
import { documentAsOf, documentHistory } from './history';
import { requestHash, withIdempotency } from './idempotency';
import { listDocuments, type ListQuery } from './list-documents';
import { displayValues } from './option-labels';
import { readFilter } from './permissions';
import { printDocument, printDocumentPdf } from './print-document';
import { readDocument } from './read-document';
import { referenceScope } from './reference-scope';
import { runTransition } from './run-transition';
import * as s from './schemas';
import { updateDocument } from './update-document';
import { visibilityLookups } from './visibility-lookups';

type TypeParams = { type: string };
type DocParams = { type: string; id: string };

const ok = (description: string, schema: object) => ({ 200: { description, ...schema } });

export async function documentRoutes(app: FastifyInstance): Promise<void> {
  const { store, definitions: registry } = app;
  app.addSchema(s.documentSchema);
  const docRef = { $ref: 'Document#' };
  const tags = ['documents'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post<{ Params: TypeParams; Body: { data: Record<string, unknown> }; Headers: { 'idempotency-key'?: string } }>(
    '/api/documents/:type',
    {
      schema: {
        tags,
        security,
        params: s.typeParams,
        body: s.createBody,
        headers: s.idempotencyHeaders,
        response: { 201: docRef },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const compiled = await registry.latest(request.params.type);
      const create = async () => ({
        status: 201,
        body: toView(
          await createDocument(store, {
            compiled,
            data: request.body.data,
            user,
            now: new Date(),
            locale: localeFrom(request.headers['accept-language']),
            engine: app.engine,
            log: request.log,
            references: referenceScope(registry, user),
            registry,
          }),
        ),
      });
      const key = request.headers['idempotency-key'];
      if (!key) {
        const result = await create();
        return reply.code(result.status).send(result.body);
      }
      const result = await withIdempotency(
        store,
        { scope: `${user.id}:${request.params.type}`, key, hash: requestHash([request.params.type, request.body]) },
        create,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  app.get<{ Params: TypeParams; Querystring: ListQuery }>(
    '/api/documents/:type',
    {
      preValidation: scalarQueryHook,
      schema: {
        tags,
        security,
        params: s.typeParams,
        querystring: s.listQuery,
        response: ok('a page of documents', {
          type: 'object',
          properties: { items: { type: 'array', items: docRef }, nextCursor: { type: ['string', 'null'] } },
        }),
      },
    },
    async (request) => {
      const compiled = await registry.latest(request.params.type);
      const scope = readFilter(compiled.def, compiled.rowFilters, userOf(request));
      const page = await listDocuments(store, {
        type: compiled.def.key,
        spec: compiled.list,
        query: request.query,
        readFilter: scope,
      });
      // Labels of the latest version for every row, so a list reads the same throughout.
      const locale = localeFrom(request.headers['accept-language']);
      const items = page.items.map((item) => ({
        ...item,
        display: displayValues(compiled.optionLabels, item.data, locale),
      }));
      return { ...page, items };
    },
  );

  app.get<{ Params: DocParams; Querystring: { asOf?: number } }>(
    '/api/documents/:type/:id',
    {
      preValidation: scalarQueryHook,
      schema: { tags, security, params: s.docParams, querystring: s.getQuery, response: { 200: docRef } },
    },
    async (request) => {
      const target = { ...request.params, user: userOf(request) };
      if (request.query.asOf !== undefined)
        return documentAsOf(store, registry, { ...target, seq: request.query.asOf });
      const { doc, latest } = await readDocument(store, registry, target);
      const locale = localeFrom(request.headers['accept-language']);
      return { ...toView(doc), display: displayValues(latest.optionLabels, doc.data, locale) };
    },
  );

  app.patch<{ Params: DocParams; Body: { data: Record<string, unknown>; version: number } }>(
    '/api/documents/:type/:id',
    { schema: { tags, security, params: s.docParams, body: s.patchBody, response: { 200: docRef } } },
    async (request) =>
      toView(
        await updateDocument(store, registry, {
          ...request.params,
          ...request.body,
          user: userOf(request),
          now: new Date(),
          engine: app.engine,
          locale: localeFrom(request.headers['accept-language']),
        }),
      ),
  );

  app.post<{ Params: TypeParams; Body: { data: Record<string, unknown>; id?: string } }>(
    '/api/documents/:type/lookups',
    {
      schema: {
        tags,
        security,
        summary: "the lookups the form's show-when rules read, for a draft or an edited document",
        params: s.typeParams,
        body: s.lookupsBody,
        response: ok('lookup figures', {
          type: 'object',
          properties: { lookup: { type: 'object', additionalProperties: true } },
        }),
      },
    },
    async (request) =>
      visibilityLookups(store, await registry.latest(request.params.type), {
        ...request.body,
        user: userOf(request),
      }),
  );

  app.post<{ Params: DocParams & { key: string }; Body: { version: number; comment?: string; reason?: string } }>(
    '/api/documents/:type/:id/transitions/:key',
    {
      schema: {
        tags,
        security,
        params: {
          ...s.docParams,
          properties: { ...s.docParams.properties, key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
          required: ['type', 'id', 'key'],
        },
        body: s.transitionBody,
        response: { 200: docRef },
      },
    },
    async (request) => {
      const doc = await runTransition(store, registry, {
        ...request.params,
        ...request.body,
        user: userOf(request),
        now: new Date(),
        locale: localeFrom(request.headers['accept-language']),
        log: request.log,
        engine: app.engine,
      });
      return toView(doc);
    },
  );

  app.get<{ Params: DocParams }>(
    '/api/documents/:type/:id/history',
    { schema: { tags, security, params: s.docParams, response: { 200: s.historySchema } } },
    async (request) => documentHistory(store, registry, { ...request.params, user: userOf(request) }),
  );

  app.get<{ Params: DocParams & { template: string }; Querystring: { format?: string; paper?: Paper } }>(
    '/api/documents/:type/:id/print/:template',
    {
      preValidation: scalarQueryHook,
      schema: {
        tags,
        security,
        params: {
          ...s.docParams,
          properties: { ...s.docParams.properties, template: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
          required: ['type', 'id', 'template'],
        },
        querystring: {
          type: 'object',
          properties: {
            format: { type: 'string', enum: ['html', 'pdf'] },
            // The PDF's page: A4, or an 80 mm receipt roll (小票). The HTML view sizes its sheet itself.
            paper: { type: 'string', enum: [...PAPERS] },
          },
          additionalProperties: false,
        },
        produces: ['text/html', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const input = {
        ...request.params,
        user: userOf(request),
        locale: localeFrom(request.headers['accept-language']),
      };
      if (request.query.format === 'pdf') {
        const { content, filename } = await printDocumentPdf(store, registry, input, request.query.paper);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          .send(content);
      }
      return reply.type('text/html; charset=utf-8').send(await printDocument(store, registry, input));
    },
  );
}
