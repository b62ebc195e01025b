// HTTP hardening, registered before any route: security headers (helmet), CORS
// (off unless origins are configured), and rate limits — a global one per user or
// IP, a tight one shared by the credential routes (app.authRateLimit), and one on
// the not-found handler.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { notFoundHandler } from './problem';
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
   * Requests for URLs no route serves, keyed by IP. An attacker could otherwise
   * probe for routes and resources for free: the global limit never sees them.
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

export interface SecurityPluginOptions {
  corsOrigins: string[];
  rateLimits?: RateLimitOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * For credential routes: `onRequest: [...app.authRateLimit.hooks, …]` and
     * `config: { ...app.authRateLimit.config }`. One budget per IP across all of them.
     */
    authRateLimit: { hooks: onRequestAsyncHookHandler[]; config: { rateLimit?: false } };
  }
}

const clientKey = (request: FastifyRequest): string => {
  const user = request.user as { id?: string } | null | undefined;
  return user?.id ? `user:${user.id}` : `ip:${request.ip}`;
};

async function security(app: FastifyInstance, options: SecurityPluginOptions): Promise<void> {
  const limits = { ...defaultRateLimits, ...options.rateLimits };
  await app.register(helmet, { global: true });
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
  });
  if (limits.auth) {
    // One limiter instance (one counter store) for every credential route, so login
    // and refresh draw on the same budget; the global limit is skipped on them.
    const limiter = app.rateLimit({ max: limits.auth.max, timeWindow: limits.auth.timeWindowMs, keyGenerator: (req) => `auth:${req.ip}` });
    app.decorate('authRateLimit', { hooks: [limiter as onRequestAsyncHookHandler], config: { rateLimit: false } });
  } else {
    app.decorate('authRateLimit', { hooks: [], config: {} });
  }
  if (limits.notFound) {
    const limiter = app.rateLimit({ max: limits.notFound.max, timeWindow: limits.notFound.timeWindowMs, keyGenerator: (req) => `404:${req.ip}` });
    app.setNotFoundHandler({ preHandler: limiter as onRequestAsyncHookHandler }, notFoundHandler);
  } else {
    app.setNotFoundHandler(notFoundHandler);
  }
}

export const securityPlugin = fp(security, { name: 'security', fastify: '5.x' });
