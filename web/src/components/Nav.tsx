import { useAuth, useSignOut } from '../auth';
import { Icon } from './Icon';
import type { IconName } from './icons';
import { useBilingual, useT } from '../i18n';
import { visibleModules } from '../modules';
import { isUnder, Link, useLocation } from '../router';

/** Main navigation: a drawer on phones, a side column on wide screens. Only existing modules appear. */
export function Nav({ open, onNavigate }: { open: boolean; onNavigate(): void }) {
  const t = useT();
  const pick = useBilingual();
  const { path } = useLocation();
  const { user } = useAuth();
  const { signOut, busy } = useSignOut();
  const items = [
    { to: '/', label: t('nav.home'), icon: 'home' as IconName },
    ...visibleModules(user?.role).map((m) => ({ to: m.path, label: pick(m.title), icon: m.icon })),
    ...(user ? [{ to: '/akun', label: t('nav.account'), icon: 'user' as IconName }] : []),
    { to: '/data', label: t('nav.data'), icon: 'info' as IconName },
  ];
  // The most specific entry is the current one (/wifi/operasi, not also /wifi).
  const current = items.filter((i) => isUnder(path, i.to)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <nav id="main-nav" className={`nav${open ? ' open' : ''}`} aria-label={t('nav.label')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <Link to={i.to} aria-current={i.to === current ? 'page' : undefined} onClick={onNavigate}>
              <Icon name={i.icon} />
              {i.label}
            </Link>
          </li>
        ))}
        {user && (
          <li className="nav-signout">
            <button type="button" onClick={signOut} disabled={busy}>
              <Icon name="logout" />
              {busy ? t('auth.signingOut') : t('auth.signOut')}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
