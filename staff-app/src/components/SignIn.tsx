import { type FormEvent, useState } from 'react';
import { useWords } from '../hooks/useLang.js';
import { type Session, signIn } from '../lib/staff-client.js';
import { LangSwitch } from './LangSwitch.js';

export function SignIn(props: { notice: 'sessionEnded' | null; onSignedIn: (s: Session) => void }) {
  const { t, err } = useWords();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const ack = await signIn(username.trim(), password);
    setBusy(false);
    if (ack.ok) props.onSignedIn(ack.data);
    else {
      setError(ack.code);
      setPassword('');
    }
  }

  return (
    <div className="signin-page">
      <form className="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <div className="signin-head">
          <div>
            <div className="brand">Layso</div>
            <h1 id="signin-title">{t('signInTitle')}</h1>
          </div>
          <LangSwitch />
        </div>
        {props.notice && !error && (
          <p className="form-notice" role="status">
            {t(props.notice)}
          </p>
        )}
        <label>
          <span>{t('username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          <span>{t('password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-code={error}>
            {err(error)}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </div>
  );
}
