// The engine is a Fastify plugin tree; server.ts only boots it. Tests build the
// app with their own store and queue and call app.inject() or listen on port 0.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config';
import { approvalsPlugin } from './approvals/plugin';
import { approvalRoutes } from './approvals/routes';
import { auditRoutes } from './audit/routes';
import type { AuthOptions } from './auth/context';
import { authPlugin } from './auth/plugin';
import { authRoutes } from './auth/routes';
import { definitionsPlugin } from './definitions/plugin';
import { definitionRoutes } from './definitions/routes';
import { flowsPlugin } from './flows/plugin';
import { documentRoutes } from './documents/routes';
import { spreadsheetRoutes } from './spreadsheets/routes';
import { healthRoutes } from './health/routes';
import { designerStatic } from './http/designer-static';
import { openapiPlugin } from './http/openapi';
import { pluginsPlugin } from './plugins/plugin';
import { pluginRoutes } from './plugins/routes';
import { registerProblemHandlers } from './http/problem';
import { securityPlugin, type RateLimitOptions } from './http/security';
import { trustProxyOption } from './http/trust-proxy';
import { inventory } from './inventory/routes';
import { notificationRoutes } from './notifications/routes';
import { queuePlugin } from './queue/plugin';
import { replenishmentPlugin } from './replenishment/plugin';
import type { QueuePort } from './queue/types';
import { storePlugin } from './store/plugin';
import type { Store } from './store/types';
import { usersRoutes } from './users/routes';
import { buildProcessors, registerProcessors } from '../workers/registry';

export interface BuildAppOptions {
  config: Config;
  store: Store;
  queue: QueuePort;
  /** Logger options (tests), or … */
  logger?: FastifyServerOptions['logger'];
  /** … a pino instance shared with the queue (server.ts). */
  loggerInstance?: FastifyBaseLogger;
  /** Clock, lockout policy and token lifetimes (tests inject a clock). */
  auth?: AuthOptions;
  /** On by default; tests of unrelated features raise them. */
  rateLimits?: RateLimitOptions;
  /** The built staff app served at /app/ (default designer/dist; nothing is served when it is missing). */
  designerDir?: string;
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Tokens and passwords never reach the log, even at trace level.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'body.password', 'password', 'token', 'refreshToken', 'body.refreshToken'],
  };
}

export async function buildApp({ config, store, queue, logger, loggerInstance, auth, rateLimits, designerDir }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: logger ?? loggerOptions(config) }),
    bodyLimit: config.bodyLimit,
    // request.ip (lockout, rate limits, audit) is the client behind a trusted load balancer.
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Requests in flight when SIGTERM arrives finish; new ones are refused.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);

  // Tier 1: infrastructure.
  await app.register(storePlugin, { store });
  await app.register(queuePlugin, { queue });
  // Without Redis the engine is its own worker: the inline queue runs every processor here.
  if (queue.kind === 'inline') registerProcessors(queue, buildProcessors({ store, queue, now: Date.now }));
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins, rateLimits });
  // Tier 2: services (auth, definitions registry, …).
  await app.register(authPlugin, { ...auth, jwtSecret: config.jwtSecret });
  await app.register(definitionsPlugin);
  await app.register(approvalsPlugin);
  await app.register(pluginsPlugin, { dataDir: config.dataDir });
  // Before any route, so every route is in the OpenAPI document.
  await app.register(openapiPlugin);

  // Tier 3: routes.
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(auditRoutes);
  await app.register(definitionRoutes);
  await app.register(pluginRoutes);
  await app.register(documentRoutes);
  await app.register(spreadsheetRoutes);
  await app.register(inventory, { leaseMs: config.inventoryLeaseMs, testHooks: config.testHooks });
  await app.register(flowsPlugin);
  await app.register(replenishmentPlugin);
  await app.register(approvalRoutes);
  await app.register(notificationRoutes);
  await app.register(designerStatic, { dir: designerDir });
  return app;
}
