import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Role } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/id';
import { AddUserForm } from './AddUserForm';
import { useAdminT } from './i18n';
import type { AdminUser, RoleInfo, UserPage } from './shared';
import { UserCard } from './UserCard';

const PAGE = 25;

/** Pengguna: filter by role or text, keyset "muat lagi" paging, add a user, per-user actions. */
export default function UsersPage() {
  const t = useAdminT();
  const shell = useT();
  const [role, setRole] = useState<Role | ''>('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<AdminUser[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  // Roles and their scope kinds come from the server (GET /api/roles), fetched once per visit.
  const [roles, setRoles] = useState<RoleInfo[] | null>(null);
  const [rolesError, setRolesError] = useState<unknown>(null);

  const loadRoles = useCallback(async (signal?: AbortSignal) => {
    setRolesError(null);
    try {
      setRoles(await api<RoleInfo[]>('/api/roles', { signal }));
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setRolesError(err);
    }
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    void loadRoles(ac.signal);
    return () => ac.abort();
  }, [loadRoles]);

  const load = useCallback(
    async (after: string | null, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      const p = new URLSearchParams({ limit: String(PAGE) });
      if (role) p.set('role', role);
      if (query) p.set('q', query);
      if (after) p.set('cursor', after);
      try {
        const page = await api<UserPage>(`/api/users?${p}`, { signal });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.next_cursor);
      } catch (err) {
        if ((err as Error).name !== 'AbortError') setError(err);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [role, query],
  );

  useEffect(() => {
    const ac = new AbortController();
    void load(null, ac.signal);
    return () => ac.abort();
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(q.trim());
  };

  const replace = (u: AdminUser) => setItems((prev) => prev.map((x) => (x.id === u.id ? u : x)));

  const header = (
    <header>
      <h1>{t('users.title')}</h1>
      <p className="lead">{t('users.intro')}</p>
    </header>
  );
  if (rolesError != null)
    return (
      <>
        {header}
        <ErrorNotice error={rolesError} title={t('roles.failed')} onRetry={() => void loadRoles()} />
      </>
    );
  if (!roles)
    return (
      <>
        {header}
        <Loading />
      </>
    );

  return (
    <>
      {header}

      <details className="admin-add-box">
        <summary className="btn btn-primary">{t('add.open')}</summary>
        <AddUserForm
          roles={roles}
          onCreated={(u) => {
            setAdded(u.email);
            // Newest first: the new user heads the list if it matches the filter.
            if (!role || role === u.role) setItems((prev) => [u, ...prev.filter((x) => x.id !== u.id)]);
          }}
        />
      </details>
      {added && (
        <p className="notice notice-info admin-added" role="status">
          {t('add.done', { email: added })}
        </p>
      )}

      <form className="admin-filters" onSubmit={search} role="search">
        <div className="field">
          <label htmlFor="users-role">{t('users.filterRole')}</label>
          <select id="users-role" value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('users.allRoles')}</option>
            {roles.map(({ role: r }) => (
              <option key={r} value={r}>
                {shell(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-q">{t('users.search')}</label>
          <input id="users-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} onBlur={() => setQuery(q.trim())} />
        </div>
      </form>

      {error != null && <ErrorNotice error={error} onRetry={() => void load(null)} />}
      {!loading && !error && items.length === 0 && <p className="muted">{t('users.none')}</p>}
      {items.length > 0 && (
        <>
          <p className="small muted" aria-live="polite">
            {t('users.count', { n: items.length })}
          </p>
          <ul className="user-list">
            {items.map((u) => (
              <UserCard key={u.id} user={u} roles={roles} onChanged={replace} />
            ))}
          </ul>
        </>
      )}
      {loading ? (
        <Loading />
      ) : (
        cursor && (
          <button type="button" className="btn btn-secondary admin-more" onClick={() => void load(cursor)}>
            {t('users.more')}
          </button>
        )
      )}
    </>
  );
}
