import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api';
import type { Role } from '../../auth';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/id';
import { useAdminT } from './i18n';
import { fieldErrors, scopeKindOf, type AdminUser, type RoleInfo } from './shared';

/** Add a user: the API checks everything (scope against real regions); its messages go next to the fields. */
export function AddUserForm({ roles, onCreated }: { roles: RoleInfo[]; onCreated(u: AdminUser): void }) {
  const t = useAdminT();
  const shell = useT();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('petugas_rw');
  const [scope, setScope] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fe = fieldErrors(error);
  const kind = scopeKindOf(roles, role);
  const noScope = kind === 'none';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { email, role, password };
      if (name.trim()) body.display_name = name.trim();
      if (scope.trim()) body.scope = scope.trim();
      const u = await api<AdminUser>('/api/users', { body });
      setEmail('');
      setName('');
      setScope('');
      setPassword('');
      onCreated(u);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: string, label: string, input: ReactNode, hint?: string) => (
    <div className={`field${fe[key] ? ' field-invalid' : ''}`}>
      <label htmlFor={`add-${key}`}>{label}</label>
      {input}
      {hint && (
        <small className="muted field-hint" id={`add-${key}-hint`}>
          {hint}
        </small>
      )}
      {fe[key] && (
        <small className="field-error" id={`add-${key}-error`} role="alert">
          {fe[key]}
        </small>
      )}
    </div>
  );
  const describedBy = (key: string, hint: boolean) =>
    [hint ? `add-${key}-hint` : '', fe[key] ? `add-${key}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="card form admin-add" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">{t('add.title')}</h2>
      {error != null && <ErrorNotice error={error} title={t('add.failed')} />}
      <div className="admin-grid">
        {field(
          'email',
          t('add.email'),
          <input
            id="add-email"
            type="email"
            required
            autoComplete="off"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={!!fe.email}
            aria-describedby={describedBy('email', false)}
          />,
        )}
        {field(
          'display_name',
          t('add.name'),
          <input
            id="add-display_name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!fe.display_name}
            aria-describedby={describedBy('display_name', false)}
          />,
        )}
        {field(
          'role',
          t('add.role'),
          <select
            id="add-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            aria-invalid={!!fe.role}
            aria-describedby={describedBy('role', false)}
          >
            {roles.map(({ role: r }) => (
              <option key={r} value={r}>
                {shell(`role.${r}` as MessageKey)} ({r})
              </option>
            ))}
          </select>,
        )}
        {field(
          'scope',
          t('add.scope'),
          <input
            id="add-scope"
            autoComplete="off"
            spellCheck={false}
            value={scope}
            disabled={noScope && !scope}
            onChange={(e) => setScope(e.target.value)}
            aria-invalid={!!fe.scope}
            aria-describedby={describedBy('scope', true)}
          />,
          t(`scope.${kind}`),
        )}
        {field(
          'password',
          t('add.password'),
          <input
            id="add-password"
            type="password"
            required
            minLength={8}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!fe.password}
            aria-describedby={describedBy('password', true)}
          />,
          t('add.passwordHint'),
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('add.submitting') : t('add.submit')}
      </button>
    </form>
  );
}
