import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { DemoBadge } from '../../components/DemoBadge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';

/** Masuk: email + password; on success goes to ?next= (a local path) or the account page. */
export default function SignInPage() {
  const t = useT();
  const { user, login } = useAuth();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = query.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/akun';

  useEffect(() => {
    document.title = `${t('signin.title')} · ${t('app.name')}`;
  }, [t]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const wrongPassword = error instanceof ApiError && error.code === 'unauthenticated';

  return (
    <div className="page narrow">
      <h1>{t('signin.title')}</h1>
      {user ? (
        <p className="notice">
          {t('signin.already', { name: user.display_name })} {user.is_demo && <DemoBadge />} <Link to="/akun">{t('nav.account')}</Link>
        </p>
      ) : (
        <>
          <p className="lead">{t('signin.intro')}</p>
          <form className="card form" onSubmit={submit} noValidate={false}>
            {error != null && (
              <ErrorNotice error={error} title={t('signin.failedTitle')} message={wrongPassword ? t('signin.wrong') : undefined} />
            )}
            <div className="field">
              <label htmlFor="email">{t('signin.email')}</label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('signin.password')}</label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
              {busy ? t('signin.submitting') : t('signin.submit')}
            </button>
          </form>
          <aside className="notice notice-info">
            <strong className="notice-title">{t('signin.demoTitle')}</strong>
            <p>{t('signin.demoText')}</p>
          </aside>
        </>
      )}
    </div>
  );
}
