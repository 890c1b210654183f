import { randomBytes } from 'node:crypto';
import type { AuthUser, Role } from '../src/platform/access';
import type { TestEnv } from './helpers';

export interface TestUser extends AuthUser {
  password: string;
  token: string;
  /** Headers that authenticate as this user with a Bearer token. */
  headers: Record<string, string>;
}

/** Inserts a real user (with an API token) and returns it. */
export async function buildUser(env: TestEnv, overrides: { role?: Role; scope?: string | null; email?: string; password?: string; displayName?: string } = {}): Promise<TestUser> {
  const identity = env.ctx.services.identity;
  const password = overrides.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const email = overrides.email ?? `u-${randomBytes(5).toString('hex')}@test.depok.go.id`;
  const user = await identity.createUser({ email, password, role: overrides.role ?? 'warga', scope: overrides.scope ?? null, displayName: overrides.displayName });
  const { token } = await identity.createToken(email, 'test');
  return { ...user, password, token, headers: { authorization: `Bearer ${token}` } };
}

/** Signs in through the API and returns the cookie + CSRF headers for writes. */
export async function loginSession(env: TestEnv, email: string, password: string): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']).split(';')[0];
  const csrf = res.json().csrf_token as string;
  return { cookie: setCookie, csrf, headers: { cookie: setCookie, 'x-csrf-token': csrf } };
}
