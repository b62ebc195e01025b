// Per-user notification settings: the e-mail address, the language messages are
// written in, and the kinds of notice the user does not want by e-mail (the inbox
// always keeps everything, so an opt-out never hides an approval waiting).
import type { Locale } from '../definitions/index';
import type { Store, StoredDoc } from '../store/index';

export const PREFERENCES_COLLECTION = 'notification_preferences';

export interface PreferencesDoc extends StoredDoc {
  email: string | null;
  language: Locale;
  /** Notification kinds (e.g. `approval.waiting`) not sent by e-mail; `*` opts out of all. */
  emailOptOut: string[];
  updatedAt: Date;
}

export interface Preferences {
  email: string | null;
  language: Locale;
  emailOptOut: string[];
}

export const DEFAULT_PREFERENCES: Preferences = { email: null, language: 'zh-CN', emailOptOut: [] };

const preferences = (store: Store) => store.collection<PreferencesDoc>(PREFERENCES_COLLECTION);

export async function getPreferences(store: Store, user: string): Promise<Preferences> {
  const found = await preferences(store).findById(user);
  if (!found) return { ...DEFAULT_PREFERENCES };
  return { email: found.email, language: found.language, emailOptOut: found.emailOptOut };
}

/** Upserts the fields given; the rest keep their value. */
export async function setPreferences(
  store: Store,
  user: string,
  patch: Partial<Preferences>,
  now: Date,
): Promise<Preferences> {
  const current = await getPreferences(store, user);
  const next: Preferences = { ...current, ...patch };
  await preferences(store).updateOne({ _id: user }, { $set: { ...next, updatedAt: now } }, { upsert: true });
  return next;
}

export const wantsEmail = (prefs: Preferences, kind: string): boolean =>
  prefs.email !== null && !prefs.emailOptOut.includes('*') && !prefs.emailOptOut.includes(kind);
