// /api/reports: the kinds a caller may run (with their parameter schemas), runs
// and their files; saved reports and schedules for admins. Handlers are thin:
// the logic is in service.ts, saved.ts and schedules.ts.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { localeFrom, userOf } from '../http/index';
import { mayRun } from './catalog';
import { dashboardFigures } from './dashboard';
import { messageError } from '../messages/index';
import { readFile, toRunView } from './runs';
import { deleteSavedReport, saveReport, savedReportSchema, type SavedReportInput } from './saved';
import { createSchedule, deleteSchedule, scheduleSchema, schedules, type ScheduleInput } from './schedules';
import { runFor, startRun, type ReportsDeps } from './service';
import { REPORT_FORMATS, type ReportFormat } from './types';

const idParam = {
  type: 'object',
  properties: { runId: { type: 'string', maxLength: 100 } },
  required: ['runId'],
} as const;

export async function reportRoutes(app: FastifyInstance, options: { deps: ReportsDeps }): Promise<void> {
  const { deps } = options;
  const tags = ['reports'];
  const security = [{ bearerAuth: [] }];
  const adminOnly = [app.authenticate, requireRole('admin')];
  app.addHook('onRequest', app.authenticate);

  app.get('/api/reports', { schema: { tags, security } }, async (request) => {
    const user = userOf(request);
    const kinds = (await deps.catalog.list(deps.store)).filter((k) => mayRun(k, user.roles));
    return {
      items: kinds.map((k) => ({
        key: k.key,
        title: k.title,
        description: k.description ?? null,
        params: k.params,
        roles: k.roles,
        custom: Boolean(k.saved),
        ...(k.saved ? { documentType: k.saved.documentType, groupBy: k.saved.groupBy } : {}),
      })),
    };
  });

  // The home page's figures from the report kinds, run in the request (see dashboard.ts for why).
  app.get<{ Querystring: { today?: string } }>(
    '/api/reports/dashboard',
    {
      schema: {
        tags,
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { today: { type: 'string', format: 'date' } },
        },
      },
    },
    async (request) => dashboardFigures(deps, userOf(request), request.query.today),
  );

  app.post<{ Params: { key: string }; Body: { params?: Record<string, unknown>; format?: ReportFormat } }>(
    '/api/reports/:key/runs',
    {
      schema: {
        tags,
        security,
        params: {
          type: 'object',
          properties: { key: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,63}$' } },
          required: ['key'],
        },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { params: { type: 'object' }, format: { enum: REPORT_FORMATS } },
        },
        response: { 202: { type: 'object', properties: { runId: { type: 'string' } } } },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const runId = await startRun(deps, {
        key: request.params.key,
        params: request.body?.params ?? {},
        format: request.body?.format ?? 'json',
        locale: localeFrom(request.headers['accept-language']),
        user,
      });
      return reply.code(202).send({ runId });
    },
  );

  app.get<{ Params: { runId: string } }>(
    '/api/reports/runs/:runId',
    { schema: { tags, security, params: idParam } },
    async (request) => toRunView(await runFor(deps.store, request.params.runId, userOf(request), deps.now())),
  );

  app.get<{ Params: { runId: string } }>(
    '/api/reports/runs/:runId/file',
    { schema: { tags, security, params: idParam } },
    async (request, reply) => {
      const run = await runFor(deps.store, request.params.runId, userOf(request), deps.now());
      const content = run.file ? await readFile(deps.store, run._id) : null;
      if (!run.file || !content)
        throw messageError('NOT_FOUND.report_run_file', {
          id: run._id,
          status: run.status,
          format: run.format,
        });
      return reply
        .header('content-type', run.file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="${run.file.name}"; filename*=UTF-8''${encodeURIComponent(run.file.name)}`,
        )
        .send(content);
    },
  );

  app.post<{ Body: SavedReportInput }>(
    '/api/reports/saved',
    { onRequest: adminOnly, schema: { tags, security, body: savedReportSchema } },
    async (request, reply) => {
      const user = userOf(request);
      const builtins = (await deps.catalog.list(deps.store)).filter((k) => !k.saved).map((k) => k.key);
      const saved = await saveReport(deps.store, request.body, user.id, deps.now(), builtins);
      return reply.code(201).send({ id: saved._id, key: saved.key });
    },
  );

  app.delete<{ Params: { key: string } }>(
    '/api/reports/saved/:key',
    { onRequest: adminOnly, schema: { tags, security } },
    async (request, reply) => {
      if (!(await deleteSavedReport(deps.store, request.params.key)))
        throw messageError('NOT_FOUND.saved_report', { key: request.params.key });
      return reply.code(204).send();
    },
  );

  app.get('/api/reports/schedules', { onRequest: adminOnly, schema: { tags, security } }, async () => ({
    items: (await schedules(deps.store).find({}, { sort: { createdAt: 1 }, limit: 500 })).map(({ _id, ...rest }) => ({
      id: _id,
      ...rest,
    })),
  }));

  app.post<{ Body: Omit<ScheduleInput, 'locale'> }>(
    '/api/reports/schedules',
    { onRequest: adminOnly, schema: { tags, security, body: scheduleSchema } },
    async (request, reply) => {
      const created = await createSchedule(
        deps,
        { ...request.body, locale: localeFrom(request.headers['accept-language']) },
        userOf(request),
      );
      return reply.code(201).send({ id: created._id });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/reports/schedules/:id',
    { onRequest: adminOnly, schema: { tags, security } },
    async (request, reply) => {
      if (!(await deleteSchedule(deps, request.params.id)))
        throw messageError('NOT_FOUND.report_schedule', { id: request.params.id });
      return reply.code(204).send();
    },
  );
}
