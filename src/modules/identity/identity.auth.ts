import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors';
import { identityMessages as M } from './identity.messages';
import type { IdentityService } from './identity.service';

export const SESSION_COOKIE = 'sc_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_ROUTES = new Set(['/api/auth/login', '/api/auth/logout']);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves `req.user` from a Bearer token or the session cookie. A forged or expired credential
 * is a 401 (not silently anonymous), so a client learns it must sign in again. Cookie-authenticated
 * writes must echo the session's CSRF token in the X-CSRF-Token header; Bearer clients need not,
 * since a browser never attaches that header by itself.
 */
export function installAuthHook(app: FastifyInstance, identity: IdentityService): void {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) throw new AppError('unauthenticated', M.bearerFormat());
      const user = await identity.authenticateToken(m[1]);
      if (!user) throw new AppError('unauthenticated', M.tokenInvalid());
      req.user = user;
      return;
    }
    const sid = req.cookies?.[SESSION_COOKIE];
    if (!sid) return;
    const s = await identity.authenticateSession(sid);
    const authRoute = SESSION_ROUTES.has(req.routeOptions.url ?? '');
    if (!s) {
      // Reading public pages with a stale cookie should still work; writing should not. Signing in
      // or out must work with a stale cookie too (sessions end server-side on password change).
      if (SAFE.has(req.method) || authRoute) return;
      throw new AppError('unauthenticated', M.sessionExpired());
    }
    req.user = s.user;
    // Login starts a new session, so there is no CSRF token to echo yet.
    if (!SAFE.has(req.method) && req.routeOptions.url !== '/api/auth/login') {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, s.csrfToken)) throw new AppError('csrf_failed', M.csrfFailed());
    }
  });
}
