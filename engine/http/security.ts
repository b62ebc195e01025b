// HTTP hardening, registered before any route: security headers (helmet), CORS
// (off unless origins are configured), and rate limits — a global one per user or
// IP, a tight one shared by the credential routes (app.authRateLimit), one on the
// not-found handler, and a budget of 404 answers per signed-in user (not-found-budget.ts).
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { messageError } from '../messages/index';
import { createNotFoundBudget, createSharedNotFoundBudget } from './not-found-budget';
import { notFoundHandler } from './problem';
import { securityHeaders } from './security-headers';
import type { SharedLimitStore } from './shared-limits';
// Route schemas carry OpenAPI `tags`; @fastify/swagger's types declare that member.
import type {} from '@fastify/swagger';

export interface RateLimitSettings {
  max: number;
  timeWindowMs: number;
}

export interface RateLimitOptions {
  /** Every route, keyed by user when authenticated, else by IP. `false` turns it off. */
  global?: RateLimitSettings | false;
  /** Login, refresh and other credential routes, keyed by IP. `false` leaves them to the global limit. */
  auth?: RateLimitSettings | false;
  /**
   * Not-found answers. An attacker could otherwise enumerate URLs and document ids
   * cheaply: requests for URLs no route serves are limited per IP (the global limit
   * never sees them), and 404 answers to a signed-in user (the only caller who can
   * reach a document route) are budgeted per user.
   */
  notFound?: RateLimitSettings | false;
}

export const defaultRateLimits: Required<RateLimitOptions> = {
  global: { max: 600, timeWindowMs: 60_000 },
  // Brute force is also stopped by the lockout; this limit caps the cost of trying.
  auth: { max: 10, timeWindowMs: 60_000 },
  // A browser or staff app rarely asks for a missing URL; a scanner asks for thousands.
  notFound: { max: 60, timeWindowMs: 60_000 },
};

/**
 * The limits RATE_LIMIT_PER_MINUTE and LOGIN_RATE_LIMIT_PER_MINUTE configure (0 = off):
 * a shop's integration posting orders through the API may need more than the default.
 */
export function rateLimitsFromConfig(config: {
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
}): RateLimitOptions {
  const perMinute = (max: number) => (max === 0 ? false : { max, timeWindowMs: 60_000 });
  return { global: perMinute(config.rateLimitPerMinute), auth: perMinute(config.loginRateLimitPerMinute) };
}

export interface SecurityPluginOptions {
  corsOrigins: string[];
  /** HSTS and upgrade-insecure-requests only when served over TLS. */
  publicTls?: boolean;
  rateLimits?: RateLimitOptions;
  /** Redis counters shared by every engine (REDIS_URL); in-process counters when absent. */
  shared?: SharedLimitStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * For credential routes: `onRequest: [...app.authRateLimit.hooks, …]` and
     * `config: { ...app.authRateLimit.config }`. One budget per IP across all of them.
     */
    authRateLimit: { hooks: onRequestAsyncHookHandler[]; config: { rateLimit?: false } };
    /** Counts a 404 answer against the caller's budget (null when the budget is off). */
    countNotFound: ((request: FastifyRequest) => Promise<void>) | null;
  }
}

const clientKey = (request: FastifyRequest): string => {
  const user = request.user as { id?: string } | null | undefined;
  return user?.id ? `user:${user.id}` : `ip:${request.ip}`;
};

async function security(app: FastifyInstance, options: SecurityPluginOptions): Promise<void> {
  const limits = { ...defaultRateLimits, ...options.rateLimits };
  const headers = securityHeaders({
    hsts: options.publicTls === true,
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: options.publicTls === true ? [] : null } },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // API answers and exports hold business data: no browser or proxy may keep a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  if (options.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: options.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      credentials: false,
      maxAge: 600,
    });
  }
  await app.register(rateLimit, {
    global: limits.global !== false,
    max: limits.global ? limits.global.max : 1_000_000,
    timeWindow: limits.global ? limits.global.timeWindowMs : 60_000,
    // The global hook runs after a route's own onRequest hooks, so an authenticated
    // user is already known here: staff behind one shop router do not share a budget.
    keyGenerator: clientKey,
    ...(options.shared
      ? {
          redis: options.shared.redis,
          nameSpace: options.shared.nameSpace,
          // While Redis is away requests are not refused for it; the limits resume with it.
          skipOnError: true,
        }
      : {}),
  });
  if (options.shared) {
    const { redis } = options.shared;
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  }
  if (limits.auth) {
    // One limiter instance (one counter store) for every credential route, so login
    // and refresh draw on the same budget; the global limit is skipped on them.
    const limiter = app.rateLimit({
      max: limits.auth.max,
      timeWindow: limits.auth.timeWindowMs,
      keyGenerator: (req) => `auth:${req.ip}`,
    });
    app.decorate('authRateLimit', { hooks: [limiter], config: { rateLimit: false } });
  } else {
    app.decorate('authRateLimit', { hooks: [], config: {} });
  }
  if (limits.notFound) {
    const budget = options.shared
      ? createSharedNotFoundBudget(limits.notFound, options.shared)
      : createNotFoundBudget(limits.notFound);
    // Anonymous callers reach no resource (401 first), only unknown URLs: the limiter below covers those
    // without letting one scanner behind a shared IP lock out the shop's logins and health checks.
    const userKey = (request: FastifyRequest): string | null =>
      (request.user as { id?: string } | null | undefined)?.id ?? null;
    app.decorate('countNotFound', async (request: FastifyRequest) => {
      const user = userKey(request);
      if (user) await budget.spend(user);
    });
    // preHandler: after the route's authentication has set request.user.
    app.addHook('preHandler', async (request, reply) => {
      const user = userKey(request);
      const wait = user ? await budget.blockedFor(user) : 0;
      if (wait === 0) return;
      reply.header('retry-after', String(wait));
      throw messageError('RATE_LIMITED.not_found_budget', { wait }, { extra: { retryAfter: wait } });
    });
    const limiter = app.rateLimit({
      max: limits.notFound.max,
      timeWindow: limits.notFound.timeWindowMs,
      keyGenerator: (req) => `404:${req.ip}`,
    });
    app.setNotFoundHandler({ preHandler: limiter }, notFoundHandler);
  } else {
    app.decorate('countNotFound', null);
    app.setNotFoundHandler(notFoundHandler);
  }
}

export const securityPlugin = fp(security, { name: 'security', fastify: '5.x' });
