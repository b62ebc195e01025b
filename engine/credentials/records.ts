// The records auth keeps per user that user administration must also clear:
// failed-login counters (auth/lockout.ts) and refresh tokens (auth/tokens.ts).
// Their collection names live here, below both auth and users, so users can end
// a user's sessions or lift a lock without importing auth (docs/architecture.md,
// "Module map": auth and users no longer reach each other).
import type { Store } from '../store/index';

export const LOGIN_FAILURES = 'login_failures';
export const REFRESH_TOKENS = 'refresh_tokens';

/** Every failed-login counter of a username, from every address (an administrator's unlock). */
export async function clearUserFailures(store: Store, username: string): Promise<void> {
  await store.collection(LOGIN_FAILURES).deleteMany({ username });
}

/** Deletes every refresh token of a user; callers bump the token generation so access tokens stop too. */
export async function deleteUserSessions(store: Store, userId: string): Promise<void> {
  await store.collection(REFRESH_TOKENS).deleteMany({ userId });
}
