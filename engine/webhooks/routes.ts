// /api/webhooks (admin): subscribe a URL, list, remove, read a webhook's
// delivery log, redeliver one delivery.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/index';
import { messageError } from '../messages/index';
import { enqueueDelivery } from './emit';
import {
  createWebhook,
  deliveries,
  toDeliveryView,
  toWebhookView,
  WEBHOOK_EVENTS,
  webhooks,
  type WebhookInput,
} from './service';
import { userOf } from '../http/index';

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] } as const;

export async function webhookRoutes(app: FastifyInstance, options: { now?: () => Date } = {}): Promise<void> {
  const now = options.now ?? (() => new Date());
  const tags = ['webhooks'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', requireRole('admin'));

  const found = async (id: string) => {
    const hook = await webhooks(app.store).findById(id);
    if (!hook) throw messageError('NOT_FOUND.webhook', { id });
    return hook;
  };

  app.post<{ Body: WebhookInput }>(
    '/api/webhooks',
    {
      schema: {
        tags,
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'events', 'secret'],
          properties: {
            url: { type: 'string', minLength: 8, maxLength: 2000 },
            events: { type: 'array', minItems: 1, maxItems: 20, items: { enum: [...WEBHOOK_EVENTS] } },
            secret: { type: 'string', minLength: 16, maxLength: 200 },
          },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(toWebhookView(await createWebhook(app.store, request.body, userOf(request).id, now()))),
  );

  app.get('/api/webhooks', { schema: { tags, security } }, async () => ({
    items: (await webhooks(app.store).find({}, { sort: { createdAt: 1 }, limit: 500 })).map(toWebhookView),
  }));

  app.delete<{ Params: { id: string } }>(
    '/api/webhooks/:id',
    { schema: { tags, security, params: idParams } },
    async (request, reply) => {
      await found(request.params.id);
      await webhooks(app.store).deleteOne({ _id: request.params.id });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        security,
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500 } },
        },
      },
    },
    async (request) => {
      await found(request.params.id);
      const items = await deliveries(app.store).find(
        { webhook: request.params.id },
        { sort: { createdAt: -1 }, limit: request.query.limit ?? 100 },
      );
      return { items: items.map(toDeliveryView) };
    },
  );

  app.post<{ Params: { id: string; deliveryId: string } }>(
    '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags,
        security,
        params: {
          type: 'object',
          properties: { id: { type: 'string', maxLength: 100 }, deliveryId: { type: 'string', maxLength: 100 } },
          required: ['id', 'deliveryId'],
        },
      },
    },
    async (request, reply) => {
      const delivery = await deliveries(app.store).findOneAndUpdate(
        { _id: request.params.deliveryId, webhook: request.params.id },
        { $set: { status: 'pending' }, $inc: { redeliveries: 1 } },
      );
      if (!delivery)
        throw messageError('NOT_FOUND.webhook_delivery', {
          delivery: request.params.deliveryId,
          webhook: request.params.id,
        });
      // A new job id: the first job is finished and its id would dedupe the new one away.
      const { queue, config } = app.engine;
      const retry = { attempts: config.webhookAttempts, backoffMs: config.webhookRetryBaseMs };
      await enqueueDelivery({ queue, retry }, delivery._id, `-r${delivery.redeliveries}`);
      return reply.code(202).send({ id: delivery._id, status: 'pending' });
    },
  );
}
