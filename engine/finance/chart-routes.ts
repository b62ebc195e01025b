// GET /api/finance/accounts, PUT /api/finance/accounts/:code {name, role?},
// DELETE /api/finance/accounts/:code — the chart of accounts (chart.ts), for admin
// and finance_manager; every change is audited (`finance.account.save`,
// `finance.account.delete`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/index';
import { requireRole } from '../auth/index';
import { DEFAULT_ACCOUNTS, type AccountRole } from './accounts';
import { deleteAccount, listAccounts, saveAccount } from './chart';
import { userOf } from '../http/index';

const ROLES = ['admin', 'finance_manager'];
const codeParams = {
  type: 'object',
  properties: { code: { type: 'string', pattern: '^[0-9]{4,12}$' } },
  required: ['code'],
} as const;
const text = { type: 'string', minLength: 1, maxLength: 60 } as const;
const nameSchema = {
  type: 'object',
  properties: { 'zh-CN': text, en: text },
  required: ['zh-CN', 'en'],
  additionalProperties: false,
} as const;
const accountSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: nameSchema,
    role: { type: ['string', 'null'], description: 'The posting role that goes to this account' },
    builtin: { type: 'boolean', description: 'One of the default 小企业会计准则 accounts' },
    inUse: { type: 'boolean', description: 'Vouchers or a posting role use it: it cannot be deleted' },
  },
} as const;

export async function chartRoutes(app: FastifyInstance): Promise<void> {
  const onRequest = [app.authenticate, requireRole(...ROLES)];
  const audit = (request: FastifyRequest, action: string, code: string, details: Record<string, unknown>) =>
    recordAudit(app.store, {
      action,
      actor: { id: userOf(request).id, username: userOf(request).username },
      ip: request.ip,
      subject: `account:${code}`,
      details: { code, ...details },
    });

  app.get(
    '/api/finance/accounts',
    { onRequest, schema: { tags: ['finance'], response: { 200: { type: 'array', items: accountSchema } } } },
    async () => listAccounts(app.store),
  );

  app.put<{ Params: { code: string }; Body: { name: { 'zh-CN': string; en: string }; role?: AccountRole } }>(
    '/api/finance/accounts/:code',
    {
      onRequest,
      schema: {
        tags: ['finance'],
        params: codeParams,
        body: {
          type: 'object',
          properties: { name: nameSchema, role: { type: 'string', enum: Object.keys(DEFAULT_ACCOUNTS) } },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 200: accountSchema },
      },
    },
    async (request) => {
      const { code } = request.params;
      const before = (await listAccounts(app.store)).find((a) => a.code === code) ?? null;
      await saveAccount(app.store, { code, name: request.body.name, role: request.body.role });
      await audit(request, 'finance.account.save', code, {
        before: before && { name: before.name, role: before.role },
        after: { name: request.body.name, role: request.body.role ?? before?.role ?? null },
      });
      return (await listAccounts(app.store)).find((a) => a.code === code);
    },
  );

  app.delete<{ Params: { code: string } }>(
    '/api/finance/accounts/:code',
    { onRequest, schema: { tags: ['finance'], params: codeParams } },
    async (request, reply) => {
      await deleteAccount(app.store, request.params.code);
      await audit(request, 'finance.account.delete', request.params.code, {});
      return reply.code(204).send();
    },
  );
}
