import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config';
import { AppError } from '../../platform/errors';
import { identityMessages as M } from './identity.messages';
import { SESSION_COOKIE } from './identity.auth';
import * as dto from './identity.dto';
import { presentUser } from './identity.present';
import type { IdentityService } from './identity.service';

export { presentUser } from './identity.present';

const tags = ['auth'];

/** Sign-in, sign-out and "who am I". */
export function identityRoutes(app: FastifyInstance, identity: IdentityService, config: Config): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: {
          max: config.LOGIN_RATE_LIMIT_PER_MIN,
          timeWindow: '1 minute',
          // Password guessing is slowed per client address; the body says what to do.
          errorResponseBuilder: (_req, ctx) => new AppError('rate_limited', M.loginRateLimit({ seconds: Math.ceil(ctx.ttl / 1000) })),
        },
      },
      schema: {
        tags,
        summary: 'Sign in; sets an HttpOnly session cookie and returns the CSRF token',
        body: dto.LoginBody,
        response: { 200: dto.MeResponse },
      },
    },
    async (req, reply) => {
      const s = await identity.login(req.body.email, req.body.password);
      // Signing in again replaces the browser's previous session rather than leaving it alive.
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await identity.logout(previous);
      reply.setCookie(SESSION_COOKIE, s.sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.COOKIE_SECURE,
        path: '/',
        maxAge: config.SESSION_TTL_HOURS * 3600,
      });
      reply.header('Cache-Control', 'no-store');
      return { user: presentUser(s.user), csrf_token: s.csrfToken };
    },
  );

  r.post('/api/auth/logout', { schema: { tags, summary: 'Sign out (ends the session)' } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await identity.logout(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.COOKIE_SECURE });
    return reply.code(204).send();
  });

  r.get(
    '/api/auth/me',
    { schema: { tags, summary: 'The signed-in user (null when anonymous) and the CSRF token', response: { 200: dto.MeResponse } } },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      if (!req.user) return { user: null, csrf_token: null };
      let csrf: string | null = null;
      if (req.user.via === 'session') csrf = (await identity.authenticateSession(req.cookies[SESSION_COOKIE]!))?.csrfToken ?? null;
      return { user: presentUser(req.user), csrf_token: csrf };
    },
  );
}
