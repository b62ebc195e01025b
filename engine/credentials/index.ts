// The public surface of engine/credentials: password hashing and policy, and the
// per-user login records both auth (sign-in) and users (administration) touch.
// It sits below both, so neither imports the other's services for them
// (docs/architecture.md, "Module map").
export { generatePassword, hashPassword, verifyPassword } from './password';
export {
  assertPasswordAcceptable,
  passwordProblems,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from './password-policy';
export { clearUserFailures, deleteUserSessions, LOGIN_FAILURES, REFRESH_TOKENS } from './records';
