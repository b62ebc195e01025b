// Sign in with user name and password (POST /api/auth/login).
import { useState, type FormEvent } from 'react';
import { login } from '../api/client';
import type { Session } from '../api/types';
import { useI18n } from '../i18n/locale';

export function LoginScreen({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(username, password));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={submit}>
      <h1>{t('appTitle')}</h1>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? t('signingIn') : t('login')}
      </button>
    </form>
  );
}
