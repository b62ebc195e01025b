// The approvals API: decisions, change and cancellation requests on documents,
// the inbox, explain, and delegations. Handlers parse, call one service, reply.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  toView,
  requestHash,
  withIdempotency,
  docParams,
  idempotencyHeaders,
  type DocumentRecord,
} from '../documents/index';
import { localeFrom, userOf } from '../http/index';
import type { ApprovalContext } from './context';
import { decide, decisionView } from './decide';
import { delegateCandidates } from './delegate-candidates';
import { createDelegation, deleteDelegation, listDelegations } from './delegations';
import { explainApproval } from './explain';
import { approvalInbox } from './inbox';
import { requestCancellation } from './request-cancellation';
import { requestChange } from './request-change';
import * as s from './schemas';

type DocParams = { type: string; id: string };
type IdemHeaders = { 'idempotency-key'?: string };

export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['approvals'];
  const security = [{ bearerAuth: [] }];
  const docResponse = { 200: s.documentResponse };
  app.addHook('onRequest', app.authenticate);
  const context = (request: FastifyRequest): ApprovalContext => ({
    store: app.store,
    registry: app.definitions,
    now: () => app.authContext.now(),
    log: request.log,
    engine: app.engine,
  });

  /** Runs a request once per Idempotency-Key (when given); replays return the first answer. */
  async function once(
    request: FastifyRequest<{ Params: DocParams; Headers: IdemHeaders }>,
    kind: string,
    run: () => Promise<DocumentRecord>,
    status: number,
  ) {
    const work = async () => ({ status, body: toView(await run()) });
    const key = request.headers['idempotency-key'];
    if (!key) return work();
    const { type, id } = request.params;
    return withIdempotency(
      app.store,
      { scope: `${userOf(request).id}:${type}:${id}:${kind}`, key, hash: requestHash([kind, request.body]) },
      work,
    );
  }

  for (const decision of ['approve', 'reject'] as const) {
    app.post<{ Params: DocParams; Body: { comment?: string; level?: string } }>(
      `/api/documents/:type/:id/${decision}`,
      { schema: { tags, security, params: docParams, body: s.decisionBody, response: docResponse } },
      async (request) => {
        const decided = await decide(context(request), {
          ...request.params,
          ...request.body,
          user: userOf(request),
          decision,
          locale: localeFrom(request.headers['accept-language']),
        });
        return decided.readable ? toView(decided.doc) : decisionView(decided.doc);
      },
    );
  }

  app.post<{
    Params: DocParams;
    Body: { patch?: Record<string, unknown>; reason?: string; version: number };
    Headers: IdemHeaders;
  }>(
    '/api/documents/:type/:id/change-requests',
    {
      schema: {
        tags,
        security,
        params: docParams,
        body: s.changeRequestBody,
        headers: idempotencyHeaders,
        response: { 201: s.documentResponse },
      },
    },
    async (request, reply) => {
      const run = () =>
        requestChange(context(request), {
          ...request.params,
          user: userOf(request),
          patch: request.body.patch ?? {},
          reason: request.body.reason ?? '',
          version: request.body.version,
          locale: localeFrom(request.headers['accept-language']),
        });
      const result = await once(request, 'change', run, 201);
      return reply.code(result.status).send(result.body);
    },
  );

  app.post<{ Params: DocParams; Body: { reason?: string }; Headers: IdemHeaders }>(
    '/api/documents/:type/:id/cancellation',
    {
      schema: {
        tags,
        security,
        params: docParams,
        body: s.cancellationBody,
        headers: idempotencyHeaders,
        response: docResponse,
      },
    },
    async (request, reply) => {
      const run = () =>
        requestCancellation(context(request), {
          ...request.params,
          user: userOf(request),
          reason: request.body.reason ?? '',
          locale: localeFrom(request.headers['accept-language']),
        });
      const result = await once(request, 'cancellation', run, 200);
      if ('replayed' in result && result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status).send(result.body);
    },
  );

  app.get('/api/approvals/inbox', { schema: { tags, security, response: { 200: s.inboxResponse } } }, async (request) =>
    approvalInbox(context(request), userOf(request)),
  );

  app.post<{ Body: { type: string; id?: string; data?: Record<string, unknown>; transition: string } }>(
    '/api/approvals/explain',
    { schema: { tags, security, body: s.explainBody } },
    async (request) => explainApproval(context(request), { ...request.body, user: userOf(request) }),
  );

  app.post<{ Body: { to: string; from: string; until: string } }>(
    '/api/approvals/delegations',
    { schema: { tags, security, body: s.delegationBody, response: { 201: s.delegationSchema } } },
    async (request, reply) => {
      const user = userOf(request);
      const candidates = await delegateCandidates(app.store, app.definitions, user);
      const created = await createDelegation(app.store, {
        ...request.body,
        user,
        candidates,
        now: app.authContext.now(),
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/approvals/delegations/candidates',
    { schema: { tags, security, response: { 200: s.delegateCandidatesResponse } } },
    async (request) => ({ items: await delegateCandidates(app.store, app.definitions, userOf(request)) }),
  );

  app.get(
    '/api/approvals/delegations',
    {
      schema: {
        tags,
        security,
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: s.delegationSchema },
              received: { type: 'array', items: s.delegationSchema },
            },
          },
        },
      },
    },
    async (request) => listDelegations(app.store, userOf(request)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/approvals/delegations/:id',
    {
      schema: {
        tags,
        security,
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await deleteDelegation(app.store, userOf(request), request.params.id, app.authContext.now());
      return reply.code(204).send();
    },
  );
}
