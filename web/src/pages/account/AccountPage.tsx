import { useEffect } from 'react';
import { useAuth, useSignOut } from '../../auth';
import { DemoBadge } from '../../components/DemoBadge';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/id';
import { Link } from '../../router';

/** Akun: who am I, my role and scope, and whether this is a demo account. */
export default function AccountPage() {
  const t = useT();
  const { user } = useAuth();
  const { signOut, busy } = useSignOut();

  useEffect(() => {
    document.title = `${t('account.title')} · ${t('app.name')}`;
  }, [t]);

  if (user === undefined) return <Loading />;
  if (!user)
    return (
      <div className="page narrow">
        <h1>{t('account.title')}</h1>
        <div className="notice">
          <p>{t('account.needSignIn')}</p>
          <Link to="/masuk?next=/akun" className="btn btn-primary">
            {t('account.goSignIn')}
          </Link>
        </div>
      </div>
    );

  return (
    <div className="page narrow">
      <h1>
        {t('account.title')} {user.is_demo && <DemoBadge />}
      </h1>
      {user.is_demo && <p className="notice notice-demo">{t('auth.demoHint')}</p>}
      <dl className="card facts facts-wide">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>{user.display_name}</dd>
        </div>
        <div>
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('account.role')}</dt>
          <dd data-role={user.role}>{t(`role.${user.role}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t('account.scope')}</dt>
          <dd>{user.scope ?? t('account.scopeNone')}</dd>
        </div>
      </dl>
      <p>
        <button type="button" className="btn btn-secondary" onClick={signOut} disabled={busy}>
          {busy ? t('auth.signingOut') : t('auth.signOut')}
        </button>
      </p>
    </div>
  );
}
