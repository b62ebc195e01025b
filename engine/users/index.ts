// The public surface of engine/users: other capabilities, the workers and the
// plugins import only this file (docs/architecture.md, "Module map").
export { authUserSchema, passwordSchema, publicUserSchema } from './schemas';
export { USERS_COLLECTION, toPublicUser, type UserDoc } from './types';
export { ensureBuiltInRoles } from './roles';
export { changeOwnPassword, getUserDoc } from './service';
export { usersRoutes } from './routes';
