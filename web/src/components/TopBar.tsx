import { useAuth, useSignOut } from '../auth';
import { useLang, useT } from '../i18n';
import { Link } from '../router';
import { DemoBadge } from './DemoBadge';
import { Icon } from './Icon';

interface Props {
  navOpen: boolean;
  onToggleNav(): void;
}

/** The city's identity, the menu button (mobile), the language switch and sign in/out. */
export function TopBar({ navOpen, onToggleNav }: Props) {
  const t = useT();
  const { lang, setLang } = useLang();
  const { user } = useAuth();
  const { signOut, busy } = useSignOut();

  return (
    <header className="topbar">
      <button
        type="button"
        className="icon-btn menu-btn"
        aria-expanded={navOpen}
        aria-controls="main-nav"
        aria-label={navOpen ? t('nav.close') : t('nav.open')}
        onClick={onToggleNav}
      >
        <span className="burger" aria-hidden="true" />
      </button>
      <Link to="/" className="brand">
        <img src="/favicon.svg" alt="" width="32" height="32" />
        <span className="brand-text">
          <span className="brand-city">{t('app.city')}</span>
          <span className="brand-name">{t('app.name')}</span>
        </span>
      </Link>
      <div className="topbar-actions">
        <div className="lang-switch" role="group" aria-label={t('lang.label')}>
          {(['id', 'en'] as const).map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              className={l === lang ? 'active' : ''}
              aria-pressed={l === lang}
              title={l === lang ? undefined : t('lang.switchTo')}
              onClick={() => setLang(l)}
            >
              {l.toUpperCase()}
            </button>
          ))}
        </div>
        {user ? (
          <>
            <Link to="/akun" className="user-chip" title={user.email} aria-label={`${t('nav.account')}: ${user.display_name}`}>
              <Icon name="user" />
              <span className="user-name">{user.display_name}</span>
              {user.is_demo && <DemoBadge compact />}
            </Link>
            <button type="button" className="btn btn-ghost signout-top" onClick={signOut} disabled={busy}>
              {busy ? t('auth.signingOut') : t('auth.signOut')}
            </button>
          </>
        ) : user === null ? (
          <Link to="/masuk" className="btn btn-primary btn-small">
            {t('auth.signIn')}
          </Link>
        ) : null}
      </div>
    </header>
  );
}
