// /api/auth: login, refresh, logout, the caller's own account, password change and
// TOTP enrolment. Credential routes carry the tight auth rate limit.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordAudit } from '../audit/index';
import { AppError, isAppError } from '../errors';
import { messageError } from '../messages/index';
import {
  authUserSchema,
  passwordSchema,
  publicUserSchema,
  changeOwnPassword,
  getUserDoc,
  toPublicUser,
} from '../users/index';
import { assertNotLocked, countFailure } from './attempts';
import { login } from './login';
import { invalidRefresh, issueSession, revokeSession, spendRefreshToken } from './tokens';
import { activateTotp, startTotpEnrolment } from './totp';

const sessionSchema = {
  type: 'object',
  properties: {
    token: { type: 'string' },
    refreshToken: { type: 'string' },
    expiresIn: { type: 'integer' },
    user: authUserSchema,
  },
  required: ['token', 'refreshToken', 'expiresIn', 'user'],
} as const;

/** Lockout answers carry Retry-After so clients know when to come back. */
async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const retryAfter = isAppError(err) ? err.extra?.retryAfter : undefined;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    throw err;
  }
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app;
  const now = () => app.authContext.now();

  app.post<{ Body: { username: string; password: string; totp?: string; recoveryCode?: string } }>(
    '/api/auth/login',
    {
      onRequest: [...app.authRateLimit.hooks],
      config: { ...app.authRateLimit.config },
      schema: {
        tags: ['auth'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: passwordSchema,
            totp: { type: 'string', pattern: '^\\s*\\d{6}\\s*$' },
            recoveryCode: { type: 'string', minLength: 1, maxLength: 64 },
          },
          required: ['username', 'password'],
        },
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => withRetryAfter(reply, () => login(app, { ...request.body, ip: request.ip })),
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/api/auth/refresh',
    {
      onRequest: [...app.authRateLimit.hooks],
      config: { ...app.authRateLimit.config },
      schema: {
        tags: ['auth'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 512 } },
          required: ['refreshToken'],
        },
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const spent = await spendRefreshToken(app, request.body.refreshToken);
      const user = await getUserDoc(store, spent.userId);
      if (spent.reused) {
        await recordAudit(
          store,
          {
            action: 'auth.refresh_reused',
            actor: user ? { id: user._id, username: user.username } : null,
            ip: request.ip,
            subject: spent.sessionId,
          },
          now(),
        );
        throw invalidRefresh();
      }
      if (!user || user.disabled || (user.tokenGeneration ?? 0) !== spent.generation) throw invalidRefresh();
      const session = await issueSession(app, user, spent.sessionId);
      return { ...session, user: { id: user._id, username: user.username, roles: user.roles } };
    },
  );

  app.post(
    '/api/auth/logout',
    { onRequest: [app.authenticate], schema: { tags: ['auth'] } },
    async (request, reply) => {
      const claims = request.tokenClaims;
      if (!claims) throw messageError('UNAUTHORIZED.required');
      await revokeSession(app, claims);
      await recordAudit(
        store,
        {
          action: 'auth.logout',
          actor: { id: request.user.id, username: request.user.username },
          ip: request.ip,
          subject: request.user.username,
        },
        now(),
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { onRequest: [app.authenticate], schema: { tags: ['auth'], response: { 200: publicUserSchema } } },
    async (request) => {
      const user = await getUserDoc(store, request.user.id);
      if (!user)
        throw new AppError('UNAUTHORIZED', 'The account no longer exists.', { key: 'UNAUTHORIZED.account_gone' });
      return toPublicUser(user);
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/auth/password',
    {
      onRequest: [...app.authRateLimit.hooks, app.authenticate],
      config: { ...app.authRateLimit.config },
      schema: {
        tags: ['auth'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { currentPassword: passwordSchema, newPassword: passwordSchema },
          required: ['currentPassword', 'newPassword'],
        },
      },
    },
    async (request, reply) => {
      const { username } = request.user;
      await withRetryAfter(reply, async () => {
        await assertNotLocked(app, { username, ip: request.ip, action: 'auth.password_change_blocked' });
        await changeOwnPassword(store, {
          userId: request.user.id,
          ...request.body,
          ip: request.ip,
          now: now(),
          onWrongPassword: (user) =>
            countFailure(app, {
              username,
              ip: request.ip,
              actor: { id: user._id, username: user.username },
              action: 'auth.password_change_failed',
              reason: 'wrong_password',
            }),
        });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/totp/enrol',
    {
      onRequest: [app.authenticate],
      schema: {
        tags: ['auth'],
        response: {
          200: {
            type: 'object',
            properties: { secret: { type: 'string' }, uri: { type: 'string' } },
            required: ['secret', 'uri'],
          },
        },
      },
    },
    async (request) => {
      const user = await getUserDoc(store, request.user.id);
      if (!user)
        throw new AppError('UNAUTHORIZED', 'The account no longer exists.', { key: 'UNAUTHORIZED.account_gone' });
      return startTotpEnrolment(store, user, now(), app.totpBox);
    },
  );

  app.post<{ Body: { code: string } }>(
    '/api/auth/totp/verify',
    {
      onRequest: [...app.authRateLimit.hooks, app.authenticate],
      config: { ...app.authRateLimit.config },
      schema: {
        tags: ['auth'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { code: { type: 'string', pattern: '^\\s*\\d{6}\\s*$' } },
          required: ['code'],
        },
        response: {
          200: {
            type: 'object',
            properties: { recoveryCodes: { type: 'array', items: { type: 'string' } } },
            required: ['recoveryCodes'],
          },
        },
      },
    },
    async (request) => {
      const user = await getUserDoc(store, request.user.id);
      if (!user)
        throw new AppError('UNAUTHORIZED', 'The account no longer exists.', { key: 'UNAUTHORIZED.account_gone' });
      const recoveryCodes = await activateTotp(store, user, request.body.code, now(), app.totpBox);
      await recordAudit(
        store,
        { action: 'auth.totp_enrolled', actor: request.user, ip: request.ip, subject: user.username },
        now(),
      );
      return { recoveryCodes };
    },
  );
}
