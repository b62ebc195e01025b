// The engine is a Fastify plugin tree; server.ts only boots it. Tests build the
// app with their own store and queue and call app.inject() or listen on port 0.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config';
import { createEngine, processorsOf, registerProcessors, type EngineContext, type EnginePlugin } from './context/index';
import { approvalsPlugin, approvalRoutes } from './approvals/index';
import { auditRoutes } from './audit/index';
import { authPlugin, authRoutes, type AuthOptions } from './auth/index';
import { definitionsPlugin, definitionRoutes } from './definitions/index';
import { designerRoutes } from './designer/index';
import { financeRoutes } from './finance/index';
import { flowsPlugin } from './flows/index';
import { documentsPlugin } from './documents/index';
import { spreadsheetRoutes } from './spreadsheets/index';
import { healthRoutes } from './health/index';
import {
  designerStatic,
  lazySchemaCompilers,
  openapiPlugin,
  openSharedLimitStore,
  registerJsonDepthLimit,
  registerProblemHandlers,
  requestIdFrom,
  rateLimitsFromConfig,
  securityPlugin,
  trustProxyOption,
  type RateLimitOptions,
} from './http/index';
import { inventory } from './inventory/index';
import { notificationRoutes } from './notifications/index';
import { queuePlugin, type QueuePort } from './queue/index';
import { replenishmentPlugin } from './replenishment/index';
import { storePlugin, type Store } from './store/index';
import { usersRoutes } from './users/index';
import { operationsRoutes } from './operations/index';
import { backupRoutes } from './backups/index';
import { reportsPlugin } from './reports/index';
import { salesRoutes } from './sales/index';
import { ensureWebhookIndexes, webhookRoutes } from './webhooks/index';
import { pluginRoutes, pluginsPlugin } from './plugins/index';
import { supplierRoutes } from './suppliers/index';

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
  /** The engine's clock for business dates, alerts and reports, when it differs from the auth clock (tests move days while tokens stay valid). */
  clock?: () => Date;
  /** From RATE_LIMIT_PER_MINUTE / LOGIN_RATE_LIMIT_PER_MINUTE by default; tests of unrelated features raise them. */
  rateLimits?: RateLimitOptions;
  /** The built staff app served at /app/ (default designer/dist; nothing is served when it is missing). */
  designerDir?: string;
  /** Plugins installed on the engine context after the built-in capabilities. */
  plugins?: EnginePlugin[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The engine context (engine/context): registries and services, the same a worker process builds. */
    engine: EngineContext;
  }
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    // Tokens and passwords never reach the log, even at trace level.
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      'body.password',
      'password',
      'token',
      'refreshToken',
      'body.refreshToken',
    ],
  };
}

export async function buildApp({
  config,
  store,
  queue,
  logger,
  loggerInstance,
  auth,
  rateLimits,
  designerDir,
  plugins,
  clock,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: logger ?? loggerOptions(config) }),
    bodyLimit: config.bodyLimit,
    // request.ip (lockout, rate limits, audit) is the client behind a trusted load balancer.
    trustProxy: trustProxyOption(config.trustProxy),
    // A client's X-Request-Id is kept only in a bounded, safe form (it reaches logs and answers).
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']) ?? randomUUID(),
    // Requests in flight when SIGTERM arrives finish; new ones are refused.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A first start publishes every built-in definition (lint + compile) inside the
    // definitions plugin; on a busy two-core PC that outlasted Fastify's 10 s default.
    pluginTimeout: 120_000,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // Each route's schemas compile on its first request, not before the engine listens.
    schemaController: { compilersFactory: lazySchemaCompilers() },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  registerJsonDepthLimit(app);
  const engine = createEngine({ config, store, queue, clock: clock ?? auth?.now, log: app.log, plugins });
  app.decorate('engine', engine);

  // Tier 1: infrastructure.
  await app.register(storePlugin, { store });
  await app.register(queuePlugin, { queue });
  // Without Redis the engine is its own worker: the inline queue runs every processor here.
  if (queue.kind === 'inline') registerProcessors(queue, processorsOf(engine));
  await ensureWebhookIndexes(store);
  await app.register(securityPlugin, {
    corsOrigins: config.corsOrigins,
    publicTls: config.publicTls,
    // Limits passed in (tests) win over the configured ones.
    rateLimits: { ...rateLimitsFromConfig(config), ...rateLimits },
    ...(config.redisUrl ? { shared: await openSharedLimitStore(config.redisUrl, store) } : {}),
  });
  // Tier 2: services (auth, definitions registry, …).
  await app.register(authPlugin, { ...auth, jwtSecret: config.jwtSecret, totpKey: config.totpEncryptionKey });
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
  await app.register(designerRoutes);
  await app.register(pluginRoutes);
  await app.register(documentsPlugin);
  await app.register(spreadsheetRoutes);
  await app.register(inventory);
  await app.register(flowsPlugin);
  await app.register(financeRoutes);
  await app.register(salesRoutes);
  await app.register(replenishmentPlugin);
  await app.register(approvalRoutes);
  await app.register(notificationRoutes);
  await app.register(webhookRoutes);
  await app.register(operationsRoutes);
  await app.register(backupRoutes);
  await app.register(supplierRoutes);
  await app.register(reportsPlugin, {
    kinds: () => engine.reportKinds.names().flatMap((name) => engine.reportKinds.get(name) ?? []),
    retentionHours: config.reportRetentionHours,
  });
  await app.register(designerStatic, { dir: designerDir });
  // Periodic jobs (resume sweep, SLA scan, low-stock scan, purge) go on the queue once every index exists.
  app.addHook('onReady', async () => {
    await engine.start();
  });
  return app;
}
