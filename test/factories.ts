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
export async function buildUser(
  env: TestEnv,
  overrides: { role?: Role; scope?: string | null; email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  const identity = env.ctx.services.identity;
  const password = overrides.password ?? `pw-${randomBytes(6).toString('hex')}`;
  const email = overrides.email ?? `u-${randomBytes(5).toString('hex')}@test.depok.go.id`;
  // trustScope: tests may use any region code without importing a registry for it first.
  const user = await identity.createUser({
    email,
    password,
    role: overrides.role ?? 'warga',
    scope: overrides.scope ?? null,
    displayName: overrides.displayName,
    trustScope: true,
  });
  const { token } = await identity.createToken(email, 'test');
  return { ...user, password, token, headers: { authorization: `Bearer ${token}` } };
}

let loginCount = 0;
/** A distinct client address per sign-in, so a test file's many logins do not trip the login rate limit. */
export const nextTestAddress = () => `10.77.${(++loginCount >> 8) & 255}.${loginCount & 255}`;

/** Signs in through the API and returns the cookie + CSRF headers for writes. */
export async function loginSession(
  env: TestEnv,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: nextTestAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']).split(';')[0];
  const csrf = res.json().csrf_token as string;
  return { cookie: setCookie, csrf, headers: { cookie: setCookie, 'x-csrf-token': csrf } };
}
