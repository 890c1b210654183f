import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from './identity.schema';
import { ROLES, requireRole, type AuthUser, type Role } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, conflict, detail, forbidden, invalid, notFound } from '../../platform/errors';
import { identityMessages as M } from './identity.messages';
import { hashPassword, newApiToken, newSecret, sha256, verifyPassword } from './identity.crypto';
import { MIN_PASSWORD } from './identity.dto';
import { checkScope, roleCatalog, type RegionLookup } from './identity.scope';
import * as repo from './identity.repo';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  scope?: string | null;
  displayName?: string;
  isDemo?: boolean;
  /** Skip the region-existence check (test factories; the format is still the caller's business). */
  trustScope?: boolean;
}

export interface UserPatch {
  role?: Role;
  scope?: string | null;
  disabled?: boolean;
  displayName?: string;
  password?: string;
}

export function toAuthUser(u: repo.UserRow, via: AuthUser['via']): AuthUser {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role as Role, scope: u.scope, isDemo: u.isDemo, via };
}

/** What the audit log keeps of a user: never the password hash. */
export function auditUser(u: repo.UserRow) {
  return { email: u.email, display_name: u.displayName, role: u.role, scope: u.scope, disabled: u.disabled, is_demo: u.isDemo };
}

function auditToken(t: repo.TokenRow) {
  return { user_id: t.userId, name: t.name, prefix: t.prefix, expires_at: t.expiresAt, revoked_at: t.revokedAt };
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const TOKEN_PREFIX_LEN = 9;

/** Users, sessions and API tokens. */
export class IdentityService {
  constructor(
    private readonly database: Database,
    private readonly sessionTtlHours: number,
    private readonly regions: RegionLookup,
  ) {}

  private checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD) throw invalid(M.passwordTooShort({ min: MIN_PASSWORD }), [detail('password', M.tooShort())]);
  }

  /** Creates a user (email unique, case-insensitive; scope checked against the role). */
  async createUser(input: NewUser, actor: AuthUser | null = null, requestId?: string): Promise<AuthUser> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL_RE.test(email)) throw invalid(M.notAnEmail({ email: input.email }), [detail('email', M.notAnEmailShort())]);
    if (!ROLES.includes(input.role))
      throw invalid(M.unknownRole({ role: input.role, roles: ROLES.join(', ') }), [detail('role', M.unknownRoleShort())]);
    this.checkPassword(input.password);
    const scope = input.trustScope ? (input.scope ?? null) : await checkScope(input.role, input.scope, this.regions);
    if (await repo.findUserByEmail(this.database.db, email)) throw conflict(M.emailTaken({ email }));
    const passwordHash = await hashPassword(input.password);
    try {
      const row = await this.database.db.transaction(async (tx) => {
        const u = await repo.insertUser(tx, {
          email,
          passwordHash,
          role: input.role,
          scope,
          displayName: input.displayName?.trim() || email.split('@')[0],
          isDemo: input.isDemo ?? false,
        });
        await recordAudit(tx, { actor, action: 'create', entity: 'identity.user', entityId: u.id, after: auditUser(u), requestId });
        return u;
      });
      return toAuthUser(row, 'session');
    } catch (err) {
      // Two creates of the same email at once: the unique index decides.
      if ((err as { code?: string }).code === '23505') throw conflict(M.emailTaken({ email }));
      throw err;
    }
  }

  /** An admin creates a user from the admin page (returns the full row for the presenter). */
  async createUserAsAdmin(actor: AuthUser, input: Omit<NewUser, 'trustScope' | 'isDemo'>, requestId?: string): Promise<repo.UserRow> {
    requireRole(actor, 'admin');
    const u = await this.createUser(input, actor, requestId);
    return (await repo.findUserById(this.database.db, u.id))!;
  }

  /** Every role with the kind of scope it takes, for the admin page's forms (admin). */
  listRoles(actor: AuthUser) {
    requireRole(actor, 'admin');
    return roleCatalog();
  }

  /** Users for the admin page, newest first, keyset-paged. */
  async listUsers(actor: AuthUser, q: { role?: Role; q?: string; limit: number; cursor?: string }) {
    requireRole(actor, 'admin');
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await repo.listUsers(this.database.db, { role: q.role, q: q.q, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { items: page.map((r) => r.user), nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursorAt, last.user.id) : null };
  }

  /** One user by id (admin). */
  async getUser(actor: AuthUser, id: string): Promise<repo.UserRow> {
    requireRole(actor, 'admin');
    const u = await repo.findUserById(this.database.db, id);
    if (!u) throw notFound(M.user({ id }));
    return u;
  }

  /** Changes role, scope, display name, disabled flag or password (admin); audited, hash never logged. */
  async updateUser(actor: AuthUser, id: string, patch: UserPatch, requestId?: string): Promise<repo.UserRow> {
    requireRole(actor, 'admin');
    const before = await repo.findUserById(this.database.db, id);
    if (!before) throw notFound(M.user({ id }));
    if (before.id === actor.id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) throw conflict(M.selfLockout());
    const role = patch.role ?? (before.role as Role);
    const values: Parameters<typeof repo.updateUser>[2] = {};
    if (patch.role !== undefined || patch.scope !== undefined) {
      // A role change re-checks the scope: a petugas_rw made puskesmas needs an area, not an RW.
      values.role = role;
      values.scope = await checkScope(role, patch.scope !== undefined ? patch.scope : before.scope, this.regions);
    }
    if (patch.displayName !== undefined) values.displayName = patch.displayName.trim();
    if (patch.disabled !== undefined) values.disabled = patch.disabled;
    if (patch.password !== undefined) {
      this.checkPassword(patch.password);
      values.passwordHash = await hashPassword(patch.password);
    }
    return this.database.db.transaction(async (tx) => {
      const after = await repo.updateUser(tx, id, values);
      if (values.disabled || values.passwordHash) await repo.deleteSessionsOfUser(tx, id);
      const a = patch.password !== undefined ? { ...auditUser(after), password_changed: true } : auditUser(after);
      await recordAudit(tx, {
        actor,
        action: 'update',
        entity: 'identity.user',
        entityId: id,
        before: auditUser(before),
        after: a,
        requestId,
      });
      return after;
    });
  }

  /** Sets a user's password by email (CLI); ends their sessions. */
  async setPassword(email: string, password: string, actor: AuthUser | null = null): Promise<AuthUser> {
    this.checkPassword(password);
    const u = await repo.findUserByEmail(this.database.db, email.trim().toLowerCase());
    if (!u) throw new AppError('not_found', M.noUserWithEmail({ email }));
    const passwordHash = await hashPassword(password);
    const row = await this.database.db.transaction(async (tx) => {
      const after = await repo.updateUser(tx, u.id, { passwordHash });
      await repo.deleteSessionsOfUser(tx, u.id);
      await recordAudit(tx, { actor, action: 'password', entity: 'identity.user', entityId: u.id, after: { email: u.email } });
      return after;
    });
    return toAuthUser(row, 'session');
  }

  /** Issues a personal API token; the plain token is returned once and never stored. */
  async createToken(
    email: string,
    name = 'cli',
    opts: { expiresInDays?: number; actor?: AuthUser | null; requestId?: string } = {},
  ): Promise<{ token: string; user: AuthUser; row: repo.TokenRow }> {
    const u = await repo.findUserByEmail(this.database.db, email.trim().toLowerCase());
    if (!u) throw new AppError('not_found', M.noUserWithEmail({ email }));
    if (u.disabled) throw conflict(M.disabledNoToken({ email: u.email }));
    const token = newApiToken();
    const row = await this.database.db.transaction(async (tx) => {
      const t = await repo.insertToken(tx, {
        userId: u.id,
        name,
        tokenHash: sha256(token),
        prefix: token.slice(0, TOKEN_PREFIX_LEN),
        expiresAt: opts.expiresInDays ? new Date(Date.now() + opts.expiresInDays * 86400_000) : null,
      });
      await recordAudit(tx, {
        actor: opts.actor ?? null,
        action: 'create',
        entity: 'identity.api_token',
        entityId: t.id,
        after: auditToken(t),
        requestId: opts.requestId,
      });
      return t;
    });
    return { token, user: toAuthUser(u, 'token'), row };
  }

  /** Admin issues a token for any user (e.g. a wifi_fleet machine account). */
  async createTokenFor(actor: AuthUser, userId: string, input: { name: string; expiresInDays?: number }, requestId?: string) {
    requireRole(actor, 'admin');
    const u = await repo.findUserById(this.database.db, userId);
    if (!u) throw notFound(M.user({ id: userId }));
    return this.createToken(u.email, input.name, { expiresInDays: input.expiresInDays, actor, requestId });
  }

  /** A signed-in user (browser session) issues a token for themself, e.g. for a phone app. */
  async createOwnToken(actor: AuthUser, input: { name: string; expiresInDays?: number }, requestId?: string) {
    // A leaked token must not be able to mint more tokens that outlive its revocation.
    if (actor.via !== 'session') throw forbidden(M.tokenFromSession());
    return this.createToken(actor.email, input.name, { expiresInDays: input.expiresInDays, actor, requestId });
  }

  /** The caller's own tokens (never the secret). */
  async listOwnTokens(actor: AuthUser): Promise<repo.TokenRow[]> {
    return repo.listTokensOfUser(this.database.db, actor.id);
  }

  /** Revokes a token: admin any, others only their own. Idempotent. */
  async revokeToken(actor: AuthUser, id: string, requestId?: string): Promise<repo.TokenRow> {
    const t = await repo.findToken(this.database.db, id);
    if (!t) throw notFound(M.token({ id }));
    if (actor.role !== 'admin' && t.userId !== actor.id) throw forbidden(M.revokeOwnTokens());
    if (t.revokedAt) return t;
    return this.database.db.transaction(async (tx) => {
      const after = await repo.revokeToken(tx, id);
      await recordAudit(tx, {
        actor,
        action: 'revoke',
        entity: 'identity.api_token',
        entityId: id,
        before: auditToken(t),
        after: auditToken(after),
        requestId,
      });
      return after;
    });
  }

  /** The user behind a Bearer token, or null. */
  async authenticateToken(token: string): Promise<AuthUser | null> {
    const r = await repo.userByTokenHash(this.database.db, sha256(token));
    if (!r) return null;
    if (!r.lastUsedAt || Date.now() - r.lastUsedAt.getTime() > 300_000) await repo.touchToken(this.database.db, r.tokenId);
    return toAuthUser(r.user, 'token');
  }

  /** Checks email + password; returns a new session id (cookie value) and CSRF token. */
  async login(email: string, password: string): Promise<{ sessionId: string; csrfToken: string; user: AuthUser }> {
    const u = await repo.findUserByEmail(this.database.db, email.trim().toLowerCase());
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const ok = u ? await verifyPassword(u.passwordHash, password) : (await verifyPassword(DUMMY_HASH, password), false);
    if (!u || !ok) throw new AppError('unauthenticated', M.wrongPassword());
    // Only someone who knows the password learns that the account is disabled.
    if (u.disabled) throw new AppError('unauthenticated', M.accountDisabled());
    const sessionId = newSecret(32);
    const csrfToken = newSecret(24);
    await repo.insertSession(this.database.db, {
      idHash: sha256(sessionId),
      userId: u.id,
      csrfToken,
      expiresAt: new Date(Date.now() + this.sessionTtlHours * 3600_000),
    });
    return { sessionId, csrfToken, user: toAuthUser(u, 'session') };
  }

  /** The user and CSRF token of a session cookie, or null (unknown, expired, disabled). */
  async authenticateSession(sessionId: string): Promise<{ user: AuthUser; csrfToken: string } | null> {
    const r = await repo.sessionByHash(this.database.db, sha256(sessionId));
    return r ? { user: toAuthUser(r.user, 'session'), csrfToken: r.session.csrfToken } : null;
  }

  /** Ends a browser session. */
  async logout(sessionId: string): Promise<void> {
    await repo.deleteSession(this.database.db, sha256(sessionId));
  }

  /** Removes expired sessions (periodic job). */
  async purgeExpiredSessions(): Promise<number> {
    return repo.deleteExpiredSessions(this.database.db);
  }

  /** Enabled users of a role whose scope is one of the given codes (e.g. the petugas_rw of some RWs). */
  async listUsersByScopes(role: Role, scopes: string[]): Promise<{ scope: string; displayName: string; email: string }[]> {
    if (!scopes.length) return [];
    const rows = await this.database.db
      .select({ scope: users.scope, displayName: users.displayName, email: users.email })
      .from(users)
      .where(and(eq(users.role, role), inArray(users.scope, scopes), eq(users.disabled, false)))
      .orderBy(asc(users.scope), asc(users.displayName));
    return rows.map((r) => ({ scope: r.scope ?? '', displayName: r.displayName, email: r.email }));
  }
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(c: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^\d{4}-\d{2}-\d{2}[ T][\d:.]+(Z|[+-]\d{2}(:?\d{2})?)?$/.test(at) &&
      /^[0-9a-f-]{36}$/.test(id)
    )
      return { at, id };
  } catch {
    // Fall through to the error below.
  }
  throw invalid(M.badCursor(), [detail('querystring.cursor', M.badCursorShort())]);
}

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2Zx3uSfHB5xYhN7Bf2zFBN6rOTMCdq1bdh8gEDbm0vI';
