// The signed-in user of a request, for route handlers behind app.authenticate:
// one helper instead of a copy per route file.
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/index';
import { messageError } from '../messages/index';

export function userOf(request: FastifyRequest): AuthUser {
  const user = request.user as AuthUser | undefined;
  if (!user) throw messageError('UNAUTHORIZED.required');
  return user;
}
