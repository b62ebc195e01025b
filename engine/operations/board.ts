// bull-board at /admin/queues, for admins, when the queues run on BullMQ
// (REDIS_URL set). It sits behind the engine's own authentication: the board's
// page and its API calls are made by the browser, which sends no bearer header,
// so the staff app first asks POST /api/operations/board-session, which puts the
// admin's access token in an HttpOnly cookie scoped to the board's path. Every
// board request then goes through app.authenticate and requireRole('admin'), so
// revocation, disabling and role changes apply to it as to any route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../auth/index';
import { AppError } from '../errors';
import { problemOf, requestLocale, sendProblem } from '../http/index';
import type { BullmqQueuePort } from '../queue/index';

export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'jxc_board';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The board cookie stands in for the bearer header, which a browser page cannot send. */
function tokenFromCookie(request: FastifyRequest): void {
  if (request.headers.authorization) return;
  const token = cookieValue(request.headers.cookie, BOARD_COOKIE);
  if (token) request.headers.authorization = `Bearer ${token}`;
}

/** Sets the board cookie for the calling admin (the route itself is admin-only). */
export function boardSessionCookie(request: FastifyRequest, reply: FastifyReply, nowMs: number): void {
  const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const exp = (request.tokenClaims as { exp?: number } | undefined)?.exp;
  const maxAge = exp ? Math.max(0, Math.floor(exp - nowMs / 1000)) : 900;
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header(
    'set-cookie',
    `${BOARD_COOKIE}=${encodeURIComponent(token)}; Path=${BOARD_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`,
  );
}

export async function mountBoard(app: FastifyInstance, queue: BullmqQueuePort): Promise<void> {
  // Loaded here, not at the top: the board (and bullmq under it) is start-up time an engine on the inline queue never needs.
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  const queues = await queue.bullQueues();
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/fastify 9.10.1 carries its own copy of @bull-board/api (9.10.1, ours is 9.10.2): the
    // same interface from two declaration files, which TypeScript tells apart by a private field.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '进销存 queues' } },
  });
  const board = serverAdapter.registerPlugin();
  await app.register(
    async (scope) => {
      const adminOnly = requireRole('admin');
      // The board sets its own error handler for its routes, so a refusal is answered here, as problem+json.
      scope.addHook('onRequest', async (request, reply) => {
        try {
          tokenFromCookie(request);
          await app.authenticate.call(scope, request, reply);
          await adminOnly.call(scope, request, reply);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return sendProblem(reply, { ...problemOf(err, requestLocale(request)), instance: request.url.split('?')[0] });
        }
      });
      await scope.register(board);
    },
    { prefix: BOARD_PATH },
  );
}
