import { lazy, Suspense, useEffect } from 'react';
import { useAuth } from '../../auth';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/id';
import type { ModulePageProps } from '../../modules';
import { isUnder, Link } from '../../router';
import { useAdminT } from './i18n';
import './admin.css';

// Users and audit log are separate chunks; neither loads for someone who is not an admin.
const UsersPage = lazy(() => import('./UsersPage'));
const AuditPage = lazy(() => import('./AuditPage'));

export const AUDIT_PATH = '/admin/audit';

/** /admin (Pengguna) and /admin/audit (Log audit); everyone else gets an explanation, not a blank page. */
export default function AdminPage({ path }: ModulePageProps) {
  const t = useAdminT();
  const shell = useT();
  const { user } = useAuth();
  const audit = isUnder(path, AUDIT_PATH);

  useEffect(() => {
    document.title = `${t(audit ? 'tab.audit' : 'tab.users')} · ${shell('app.name')}`;
  }, [t, shell, audit]);

  if (user === undefined) return <Loading />;
  if (!user || user.role !== 'admin')
    return (
      <div className="page narrow admin-denied">
        <h1>{t('denied.title')}</h1>
        <div className="notice notice-info" role="note">
          {user ? (
            <>
              <p>{t('denied.text', { role: shell(`role.${user.role}` as MessageKey) })}</p>
              <Link to="/" className="btn btn-secondary">
                {shell('nav.home')}
              </Link>
            </>
          ) : (
            <>
              <p>{t('denied.signIn')}</p>
              <Link to={`/masuk?next=${encodeURIComponent(path)}`} className="btn btn-primary">
                {t('denied.goSignIn')}
              </Link>
            </>
          )}
        </div>
      </div>
    );

  return (
    <div className="page admin">
      <nav className="admin-tabs" aria-label={t('title')}>
        <Link to="/admin" className={audit ? '' : 'active'} aria-current={audit ? undefined : 'page'}>
          {t('tab.users')}
        </Link>
        <Link to={AUDIT_PATH} className={audit ? 'active' : ''} aria-current={audit ? 'page' : undefined}>
          {t('tab.audit')}
        </Link>
      </nav>
      <Suspense fallback={<Loading minHeight={200} />}>{audit ? <AuditPage /> : <UsersPage />}</Suspense>
    </div>
  );
}
