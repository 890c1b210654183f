import type { AuthUser } from '../../platform/access';
import type { TokenRow, UserRow } from './identity.repo';

// Presenters are the only way users and tokens leave the server: password_hash and token_hash
// are never part of any response.

/** The signed-in user as the web app sees it. */
export function presentUser(u: AuthUser) {
  return { id: u.id, email: u.email, display_name: u.displayName, role: u.role, scope: u.scope, is_demo: u.isDemo };
}

/** A user row for the admin page. */
export function presentAdminUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    display_name: u.displayName,
    role: u.role as AuthUser['role'],
    scope: u.scope,
    is_demo: u.isDemo,
    disabled: u.disabled,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A token without its secret (prefix only). */
export function presentToken(t: TokenRow) {
  return {
    id: t.id,
    user_id: t.userId,
    name: t.name,
    prefix: t.prefix,
    created_at: t.createdAt.toISOString(),
    last_used_at: iso(t.lastUsedAt),
    expires_at: iso(t.expiresAt),
    revoked_at: iso(t.revokedAt),
  };
}
