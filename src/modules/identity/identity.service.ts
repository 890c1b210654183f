import type { Database } from '../../db/client';
import { ROLES, type AuthUser, type Role } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, conflict, invalid } from '../../platform/errors';
import { hashPassword, newApiToken, newSecret, sha256, verifyPassword } from './identity.crypto';
import * as repo from './identity.repo';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  scope?: string | null;
  displayName?: string;
  isDemo?: boolean;
}

export function toAuthUser(u: repo.UserRow, via: AuthUser['via']): AuthUser {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role as Role, scope: u.scope, isDemo: u.isDemo, via };
}

/** Users, sessions and API tokens. */
export class IdentityService {
  constructor(
    private readonly database: Database,
    private readonly sessionTtlHours: number,
  ) {}

  /** Creates a user (email unique, case-insensitive). */
  async createUser(input: NewUser, actor: AuthUser | null = null): Promise<AuthUser> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid(`"${input.email}" is not an email address.`);
    if (!ROLES.includes(input.role)) throw invalid(`Unknown role "${input.role}". Roles: ${ROLES.join(', ')}.`);
    if (input.password.length < 8) throw invalid('The password must have at least 8 characters.');
    if (await repo.findUserByEmail(this.database.db, email)) throw conflict(`A user with email ${email} already exists.`);
    const passwordHash = await hashPassword(input.password);
    const row = await this.database.db.transaction(async (tx) => {
      const u = await repo.insertUser(tx, {
        email,
        passwordHash,
        role: input.role,
        scope: input.scope ?? null,
        displayName: input.displayName ?? email.split('@')[0],
        isDemo: input.isDemo ?? false,
      });
      await recordAudit(tx, { actor, action: 'create', entity: 'identity.user', entityId: u.id, after: { email, role: u.role, scope: u.scope } });
      return u;
    });
    return toAuthUser(row, 'session');
  }

  /** Issues a personal API token; the plain token is returned once and never stored. */
  async createToken(email: string, name = 'cli'): Promise<{ token: string; user: AuthUser }> {
    const u = await repo.findUserByEmail(this.database.db, email);
    if (!u) throw new AppError('not_found', `No user with email ${email}.`);
    const token = newApiToken();
    await repo.insertToken(this.database.db, { userId: u.id, name, tokenHash: sha256(token), prefix: token.slice(0, 9) });
    return { token, user: toAuthUser(u, 'token') };
  }

  /** The user behind a Bearer token, or null. */
  async authenticateToken(token: string): Promise<AuthUser | null> {
    const u = await repo.userByTokenHash(this.database.db, sha256(token));
    return u ? toAuthUser(u, 'token') : null;
  }

  /** Checks email + password; returns a new session id (cookie value) and CSRF token. */
  async login(email: string, password: string): Promise<{ sessionId: string; csrfToken: string; user: AuthUser }> {
    const u = await repo.findUserByEmail(this.database.db, email.trim().toLowerCase());
    // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
    const ok = u && !u.disabled ? await verifyPassword(u.passwordHash, password) : (await verifyPassword(DUMMY_HASH, password), false);
    if (!u || !ok) throw new AppError('unauthenticated', 'Email or password is wrong.');
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

  async logout(sessionId: string): Promise<void> {
    await repo.deleteSession(this.database.db, sha256(sessionId));
  }
}

const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$2Zx3uSfHB5xYhN7Bf2zFBN6rOTMCdq1bdh8gEDbm0vI';
