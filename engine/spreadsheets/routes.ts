// Excel import and export beside the documents API (DESIGN §8 "Excel import and
// export"). The upload is the .xlsx itself — the raw body (Content-Type of .xlsx
// or application/octet-stream) or one file in multipart/form-data — limited to
// UPLOAD_LIMIT for these routes only; the rest of the API keeps its small JSON limit.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listQuery, type ListQuery } from '../documents/index';
import { messageError } from '../messages/index';
import { localizeErrors } from '../messages/index';
import { localeFrom, requestLocale, scalarQueryHook, userOf } from '../http/index';
import { exportSpreadsheet } from './export-service';
import { importSpreadsheet } from './import-service';
import { createImportSlots } from './import-slots';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

const typeParams = {
  type: 'object',
  properties: { type: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' } },
  required: ['type'],
} as const;

const importQuery = {
  type: 'object',
  properties: {
    partial: { type: 'boolean', default: false, description: 'import the valid rows and report the invalid ones' },
    dryRun: { type: 'boolean', default: false, description: 'check every row, write nothing' },
  },
  additionalProperties: false,
} as const;

const rowError = {
  type: 'object',
  properties: {
    row: { type: 'integer' },
    field: { type: 'string' },
    column: { type: 'string' },
    path: { type: 'string' },
    message: { type: 'string' },
  },
};

const importReport = {
  description: 'what was imported, and the rows that were not',
  type: 'object',
  properties: {
    imported: { type: 'integer' },
    valid: { type: 'integer' },
    errors: { type: 'array', items: rowError },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        properties: { row: { type: 'integer' }, id: { type: 'string' }, number: { type: 'string' } },
      },
    },
    ignoredColumns: { type: 'array', items: { type: 'string' } },
  },
};

async function uploadOf(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw messageError('BAD_REQUEST.no_upload', { type: XLSX_TYPE });
    }
    return request.body;
  }
  const file = await request.file();
  if (!file) throw messageError('BAD_REQUEST.multipart_no_file');
  const body = await file.toBuffer();
  if (file.file.truncated) throw messageError('PAYLOAD_TOO_LARGE.upload', { mb: UPLOAD_LIMIT / 1024 / 1024 });
  return body;
}

export async function spreadsheetRoutes(app: FastifyInstance): Promise<void> {
  const { store, definitions: registry } = app;
  const tags = ['documents'];
  const security = [{ bearerAuth: [] }];
  const slots = createImportSlots();
  app.addHook('onRequest', app.authenticate);
  app.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 5 }, throwFileSizeLimit: true });

  app.post<{ Params: { type: string }; Querystring: { partial: boolean; dryRun: boolean } }>(
    '/api/documents/:type/import',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        security,
        summary: 'Import documents from an .xlsx worksheet (header row: field titles in zh-CN or en, or field keys)',
        consumes: [XLSX_TYPE, 'application/octet-stream', 'multipart/form-data'],
        params: typeParams,
        querystring: importQuery,
        response: { 200: importReport },
      },
    },
    async (request) =>
      slots.run(async () => {
        const report = await importSpreadsheet(store, registry, {
          type: request.params.type,
          file: await uploadOf(request),
          user: userOf(request),
          now: new Date(),
          partial: request.query.partial,
          dryRun: request.query.dryRun,
        });
        return { ...report, errors: localizeErrors(report.errors, requestLocale(request)) };
      }),
  );

  app.get<{ Params: { type: string }; Querystring: ListQuery }>(
    '/api/documents/:type/export',
    {
      preValidation: scalarQueryHook,
      schema: {
        tags,
        security,
        summary: 'The list view as .xlsx (same filters as the list)',
        params: typeParams,
        querystring: listQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const { body, filename } = await exportSpreadsheet(store, registry, {
        type: request.params.type,
        query: request.query,
        user: userOf(request),
        locale: localeFrom(request.headers['accept-language']),
      });
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${filename}"`).send(body);
    },
  );
}
