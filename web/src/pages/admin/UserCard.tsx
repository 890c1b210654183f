import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import type { Role } from '../../auth';
import { DemoBadge } from '../../components/DemoBadge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n';
import type { MessageKey } from '../../i18n/id';
import { useAdminT } from './i18n';
import { fieldErrors, scopeKindOf, type AdminUser, type RoleInfo, type TokenCreated } from './shared';

type Mode = 'view' | 'edit' | 'confirm-edit' | 'confirm-toggle' | 'token';

/** One user: facts, and the admin's actions on it (each write asks for confirmation first). */
export function UserCard({ user, roles, onChanged }: { user: AdminUser; roles: RoleInfo[]; onChanged(u: AdminUser): void }) {
  const t = useAdminT();
  const shell = useT();
  const [mode, setMode] = useState<Mode>('view');
  const [role, setRole] = useState<Role>(user.role);
  const [scope, setScope] = useState(user.scope ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fe = fieldErrors(error);
  const roleName = (r: Role) => shell(`role.${r}` as MessageKey);

  const patch = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const u = await api<AdminUser>(`/api/users/${user.id}`, { method: 'PATCH', body });
      onChanged(u);
      setSaved(true);
      setMode('view');
    } catch (err) {
      setError(err);
      // A rejected role/scope goes back to the form so the field message is next to its input.
      if (mode === 'confirm-edit') setMode('edit');
      else setMode('view');
    } finally {
      setBusy(false);
    }
  };

  const start = (m: Mode) => {
    setError(null);
    setSaved(false);
    if (m === 'edit') {
      setRole(user.role);
      setScope(user.scope ?? '');
    }
    setMode(m);
  };

  return (
    <li className={`card user-card${user.disabled ? ' is-disabled' : ''}`} data-email={user.email} data-id={user.id}>
      <div className="user-head">
        <strong className="user-email">{user.email}</strong>
        {user.is_demo && <DemoBadge />}
        {user.disabled ? (
          <span className="badge badge-off">{t('users.disabled')}</span>
        ) : (
          <span className="badge badge-on">{t('users.active')}</span>
        )}
      </div>
      <dl className="user-facts">
        <div>
          <dt>{t('users.name')}</dt>
          <dd>{user.display_name}</dd>
        </div>
        <div>
          <dt>{t('users.role')}</dt>
          <dd className="user-role" data-role={user.role}>
            {roleName(user.role)}
          </dd>
        </div>
        <div>
          <dt>{t('users.scope')}</dt>
          <dd className="user-scope">{user.scope ?? t('users.noScope')}</dd>
        </div>
      </dl>
      {saved && mode === 'view' && (
        <p className="small user-saved" role="status">
          {t('users.saved', { email: user.email })}
        </p>
      )}
      {error != null && <ErrorNotice error={error} />}

      {mode === 'view' && (
        <div className="user-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => start('edit')}>
            {t('users.edit')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => start('confirm-toggle')}>
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => start('token')}>
            {t('users.token')}
          </button>
        </div>
      )}

      {(mode === 'edit' || mode === 'confirm-edit') && (
        <form
          className="form user-edit"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            setMode('confirm-edit');
          }}
        >
          <div className="admin-grid">
            <div className={`field${fe.role ? ' field-invalid' : ''}`}>
              <label htmlFor={`role-${user.id}`}>{t('users.role')}</label>
              <select
                id={`role-${user.id}`}
                value={role}
                disabled={mode === 'confirm-edit'}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                {roles.map(({ role: r }) => (
                  <option key={r} value={r}>
                    {roleName(r)} ({r})
                  </option>
                ))}
              </select>
              {fe.role && <small className="field-error">{fe.role}</small>}
            </div>
            <div className={`field${fe.scope ? ' field-invalid' : ''}`}>
              <label htmlFor={`scope-${user.id}`}>{t('users.scope')}</label>
              <input
                id={`scope-${user.id}`}
                value={scope}
                spellCheck={false}
                disabled={mode === 'confirm-edit'}
                onChange={(e) => setScope(e.target.value)}
                aria-invalid={!!fe.scope}
              />
              <small className="muted field-hint">{t(`scope.${scopeKindOf(roles, role)}`)}</small>
              {fe.scope && (
                <small className="field-error" role="alert">
                  {fe.scope}
                </small>
              )}
            </div>
          </div>
          {mode === 'edit' ? (
            <div className="user-actions">
              <button type="submit" className="btn btn-primary btn-small">
                {t('users.save')}
              </button>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => start('view')}>
                {t('users.cancel')}
              </button>
            </div>
          ) : (
            <Confirm
              text={t('users.confirmEdit', { email: user.email, role: roleName(role), scope: scope.trim() || t('users.noScope') })}
              busy={busy}
              onYes={() => void patch({ role, scope: scope.trim() || null })}
              onNo={() => setMode('edit')}
            />
          )}
        </form>
      )}

      {mode === 'confirm-toggle' && (
        <Confirm
          text={t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { email: user.email })}
          busy={busy}
          danger={!user.disabled}
          onYes={() => void patch({ disabled: !user.disabled })}
          onNo={() => setMode('view')}
        />
      )}

      {mode === 'token' && <TokenPanel user={user} onDone={() => setMode('view')} />}
    </li>
  );
}

function Confirm({ text, busy, danger, onYes, onNo }: { text: string; busy: boolean; danger?: boolean; onYes(): void; onNo(): void }) {
  const t = useAdminT();
  return (
    <div className="confirm" role="alertdialog" aria-label={text}>
      <p>{text}</p>
      <div className="user-actions">
        <button type="button" className={`btn btn-small ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={onYes}>
          {t('users.yes')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={onNo}>
          {t('users.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Issue a token: shown exactly once, with a copy button; it can be revoked right away if it leaked. */
function TokenPanel({ user, onDone }: { user: AdminUser; onDone(): void }) {
  const t = useAdminT();
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const fe = fieldErrors(error);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { name: name.trim() };
      if (days.trim()) body.expires_in_days = Number(days);
      setCreated(await api<TokenCreated>(`/api/users/${user.id}/tokens`, { body }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
    } catch {
      // No clipboard permission (plain http, old browser): select the text so the user can copy it.
      const el = document.getElementById(`token-${created.id}`) as HTMLInputElement | null;
      el?.select();
    }
    setCopied(true);
  };

  const revoke = async () => {
    if (!created) return;
    setBusy(true);
    try {
      await api(`/api/tokens/${created.id}`, { method: 'DELETE' });
      setRevoked(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (created)
    return (
      <div className="token-once">
        <strong>{t('token.title', { email: user.email })}</strong>
        <p className="notice notice-demo token-warning" role="alert">
          {t('token.warning')}
        </p>
        <div className="token-row">
          <input
            id={`token-${created.id}`}
            className="token-value"
            readOnly
            value={revoked ? '' : created.token}
            aria-label={t('token.title', { email: user.email })}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="btn btn-primary btn-small" onClick={() => void copy()} disabled={revoked}>
            {copied ? t('token.copied') : t('token.copy')}
          </button>
        </div>
        {error != null && <ErrorNotice error={error} />}
        {revoked && <p className="small">{t('token.revoked')}</p>}
        <div className="user-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={onDone}>
            {t('token.done')}
          </button>
          {!revoked && (
            <button type="button" className="btn btn-secondary btn-small" disabled={busy} onClick={() => void revoke()}>
              {t('token.revoke')}
            </button>
          )}
        </div>
      </div>
    );

  return (
    <form className="form token-form" onSubmit={create}>
      <strong>{t('token.title', { email: user.email })}</strong>
      {error != null && <ErrorNotice error={error} />}
      <div className="admin-grid">
        <div className={`field${fe.name ? ' field-invalid' : ''}`}>
          <label htmlFor={`tname-${user.id}`}>{t('token.name')}</label>
          <input
            id={`tname-${user.id}`}
            required
            maxLength={80}
            placeholder={t('token.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          {fe.name && <small className="field-error">{fe.name}</small>}
        </div>
        <div className={`field${fe.expires_in_days ? ' field-invalid' : ''}`}>
          <label htmlFor={`tdays-${user.id}`}>{t('token.days')}</label>
          <input
            id={`tdays-${user.id}`}
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
          {fe.expires_in_days && <small className="field-error">{fe.expires_in_days}</small>}
        </div>
      </div>
      <div className="user-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('token.create')}
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onDone}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}
