// GET /api/customers/:id/balance and /api/suppliers/:id/balance →
// {balance, overdue, credit} (ledger.ts), for anyone who may read that customer or
// supplier (a sales clerk whose scope covers the customer);
// GET /api/finance/periods, POST /api/finance/periods/:period/close|reopen
// (admin; both audited).
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../audit/index';
import { requireRole } from '../auth/index';
import { readDocument } from '../documents/index';
import { fieldError, messageError } from '../messages/index';
import { isPeriod, periods, setPeriodClosed } from './periods';
import { chartRoutes } from './chart-routes';
import { AP, AR, ensureLedgerIndexes, partyBalance } from './ledger';
import { userOf } from '../http/index';

const balanceSchema = {
  type: 'object',
  properties: {
    balance: { type: 'number', description: 'What is owed net: invoices − reversals − receipts or payments' },
    overdue: { type: 'number', description: 'Open amounts past their due date' },
    credit: {
      type: 'number',
      description: 'Receipts or payments not allocated to any invoice (and not applied since)',
    },
  },
  required: ['balance', 'overdue', 'credit'],
} as const;

const periodSchema = {
  type: 'object',
  properties: {
    period: { type: 'string' },
    closed: { type: 'boolean' },
    closedBy: { type: 'string' },
    closedAt: { type: 'string', format: 'date-time' },
    reopenedBy: { type: 'string' },
    reopenedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export async function financeRoutes(app: FastifyInstance): Promise<void> {
  await ensureLedgerIndexes(app.store);
  await chartRoutes(app);

  for (const side of [AR, AP]) {
    app.get<{ Params: { id: string } }>(
      `/api/${side.party}s/:id/balance`,
      {
        onRequest: [app.authenticate],
        schema: {
          tags: ['finance'],
          params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] },
          response: { 200: balanceSchema },
        },
      },
      async (request) => {
        // Reading the party applies the caller's scope: no balance of a customer or supplier they may not see.
        await readDocument(app.store, app.definitions, {
          type: side.party,
          id: request.params.id,
          user: userOf(request),
        });
        return partyBalance(app.store, side, request.params.id, app.engine.clock().toISOString().slice(0, 10));
      },
    );
  }

  app.get(
    '/api/finance/periods',
    { onRequest: [app.authenticate, requireRole('admin', 'finance_manager')], schema: { tags: ['finance'] } },
    async () => (await periods(app.store).find({})).map(({ _id, ...rest }) => ({ period: _id, ...rest })),
  );

  for (const action of ['close', 'reopen'] as const) {
    app.post<{ Params: { period: string } }>(
      `/api/finance/periods/:period/${action}`,
      {
        onRequest: [app.authenticate, requireRole('admin')],
        schema: {
          tags: ['finance'],
          params: { type: 'object', properties: { period: { type: 'string', maxLength: 7 } }, required: ['period'] },
          response: { 200: periodSchema },
        },
      },
      async (request) => {
        const { period } = request.params;
        if (!isPeriod(period)) {
          throw messageError('VALIDATION_FAILED.period_not_a_month', undefined, {
            errors: [fieldError('/period', 'VALIDATION_FAILED.must_be_year_month')],
          });
        }
        const user = userOf(request);
        const { _id, ...rest } = await setPeriodClosed(app.store, period, action === 'close', user.id);
        await recordAudit(app.store, {
          action: `finance.period.${action}`,
          actor: { id: user.id, username: user.username },
          ip: request.ip,
          subject: `period:${period}`,
          details: { period },
        });
        return { period: _id, ...rest };
      },
    );
  }
}
