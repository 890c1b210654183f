import type { FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from './errors';
import { platformMessages as P } from './i18n.messages';

export const ROLES = [
  'warga',
  'petugas_rw',
  'puskesmas',
  'dinkes',
  'operator_opd',
  'penjual',
  'operator_outlet',
  'walidata',
  'produsen_data',
  'evaluator',
  'wifi_fleet',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in principal, attached to the request by the identity module's auth hook. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Region code (`32.76.01`, `32.76.01.1006`, `32.76.01.1006/005`), agency, shop or outlet id. */
  scope: string | null;
  isDemo: boolean;
  via: 'session' | 'token';
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

/** The signed-in user, or a 401 telling the caller how to sign in. */
export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** Throws 403 unless the user has one of the roles (admin always passes). */
export function requireRole(user: AuthUser, ...roles: Role[]): void {
  if (user.role === 'admin' || roles.includes(user.role)) return;
  throw forbidden(P.needsRole({ roles: roles.join(', '), role: user.role }));
}

/**
 * Whether a region code lies inside a scope. Scopes nest by Kemendagri code:
 * `32.76.01` ⊃ `32.76.01.1006` ⊃ `32.76.01.1006/005` ⊃ `32.76.01.1006/005/003`.
 */
export function scopeCovers(scope: string | null, code: string): boolean {
  if (!scope) return false;
  return code === scope || code.startsWith(`${scope}.`) || code.startsWith(`${scope}/`);
}

/** Throws 403 unless the user is admin or their scope covers the region code. */
export function requireScope(user: AuthUser, code: string): void {
  if (user.role === 'admin' || scopeCovers(user.scope, code)) return;
  throw forbidden(P.outsideScope({ scope: user.scope ?? '', code }));
}
