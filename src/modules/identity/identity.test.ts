import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, loginSession, nextTestAddress } from '../../../test/factories';
import { ROLES } from '../../platform/access';
import { DEMO_PASSWORD, demoEmail } from './identity.seed';

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => env.close());

const me = (headers: Record<string, string> = {}) => env.app.inject({ url: '/api/auth/me', headers });
const login = (email: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: nextTestAddress() });
// A cookie-authenticated write anyone signed in may do: issuing oneself a token.
const write = (headers: Record<string, string>) =>
  env.app.inject({ method: 'POST', url: '/api/me/tokens', headers, payload: { name: 'hp' } });

describe('sign-in', () => {
  test('login sets an HttpOnly, SameSite=Lax, Path=/ session cookie and returns the user and CSRF token', async () => {
    const u = await buildUser(env, { role: 'warga' });
    const res = await login(u.email.toUpperCase(), u.password);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.user.email, u.email);
    assert.equal(body.user.role, 'warga');
    assert.ok(body.csrf_token.length >= 20);
    assert.equal('password_hash' in body.user, false);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^sc_session=[\w-]{30,};/);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\/(;|$)/);
    const m = await me({ cookie: cookie.split(';')[0] });
    assert.equal(m.json().user.id, u.id);
    assert.equal(m.json().csrf_token, body.csrf_token);
    assert.equal(m.headers['cache-control'], 'no-store');
  });

  test('wrong password and unknown email get the same generic 401', async () => {
    const u = await buildUser(env);
    const wrong = await login(u.email, 'not-the-password');
    const unknown = await login('nobody-here@depok.go.id', 'whatever123');
    for (const r of [wrong, unknown]) {
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.code, 'unauthenticated');
      assert.equal(r.json().error.message, 'Email or password is wrong.');
      assert.equal(r.headers['set-cookie'], undefined);
    }
  });

  test('a disabled user cannot sign in, and their existing session and token stop working', async () => {
    const u = await buildUser(env, { role: 'operator_opd', scope: 'diskominfo' });
    const s = await loginSession(env, u.email, u.password);
    const admin = await buildUser(env, { role: 'admin' });
    const p = await env.app.inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: admin.headers, payload: { disabled: true } });
    assert.equal(p.statusCode, 200);
    const again = await login(u.email, u.password);
    assert.equal(again.statusCode, 401);
    assert.match(again.json().error.message, /disabled/);
    assert.equal((await me({ cookie: s.cookie })).json().user, null);
    assert.equal((await me(u.headers)).statusCode, 401);
  });

  test('logout ends the session: the cookie no longer works', async () => {
    const u = await buildUser(env);
    const s = await loginSession(env, u.email, u.password);
    assert.equal((await me({ cookie: s.cookie })).json().user.id, u.id);
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /sc_session=;/);
    assert.equal((await me({ cookie: s.cookie })).json().user, null);
    const w = await write(s.headers);
    assert.equal(w.statusCode, 401);
  });

  test('login body is validated (strict: unknown fields are refused)', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.co', password: 'x', remember: true },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  });
});

describe('sessions and CSRF', () => {
  test('an expired session cookie: reads are anonymous, writes are 401', async () => {
    const u = await buildUser(env);
    const s = await loginSession(env, u.email, u.password);
    await env.database.query(sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${u.id}`);
    const m = await me({ cookie: s.cookie });
    assert.equal(m.statusCode, 200);
    assert.equal(m.json().user, null);
    const w = await write(s.headers);
    assert.equal(w.statusCode, 401);
    assert.match(w.json().error.message, /session has expired/);
  });

  test('with a stale cookie (e.g. after a password reset) a person can still sign in and out', async () => {
    const u = await buildUser(env);
    const s = await loginSession(env, u.email, u.password);
    await env.ctx.services.identity.setPassword(u.email, 'baru-rahasia-2');
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    assert.equal(out.statusCode, 204);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: s.cookie },
      payload: { email: u.email, password: 'baru-rahasia-2' },
      remoteAddress: nextTestAddress(),
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().user.id, u.id);
  });

  test('a forged session cookie is anonymous for reads and 401 for writes', async () => {
    const forged = { cookie: 'sc_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x-csrf-token': 'x' };
    assert.equal((await me(forged)).json().user, null);
    assert.equal((await write(forged)).statusCode, 401);
  });

  test('a cookie write without or with a wrong X-CSRF-Token is 403 csrf_failed; with the right one it works', async () => {
    const u = await buildUser(env);
    const s = await loginSession(env, u.email, u.password);
    const none = await write({ cookie: s.cookie });
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.code, 'csrf_failed');
    assert.match(none.json().error.message, /X-CSRF-Token/);
    const wrong = await write({ cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(0, -1)}x` });
    assert.equal(wrong.statusCode, 403);
    assert.equal(wrong.json().error.code, 'csrf_failed');
    const other = await loginSession(env, u.email, u.password);
    assert.equal((await write({ cookie: s.cookie, 'x-csrf-token': other.csrf })).statusCode, 403, 'another session’s token does not fit');
    const ok = await write(s.headers);
    assert.equal(ok.statusCode, 201);
  });
});

describe('API tokens', () => {
  test('a Bearer write needs no CSRF header', async () => {
    const admin = await buildUser(env, { role: 'admin' });
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'bearer-write@depok.go.id', password: 'rahasia123', role: 'warga' },
    });
    assert.equal(res.statusCode, 201);
  });

  test('forged, revoked and expired tokens are 401 with a message', async () => {
    const u = await buildUser(env);
    assert.equal((await me(u.headers)).json().user.id, u.id);
    const forged = await me({ authorization: 'Bearer sc_forgedforgedforgedforgedforged' });
    assert.equal(forged.statusCode, 401);
    assert.match(forged.json().error.message, /unknown, revoked or expired/);

    const mine = (await env.app.inject({ url: '/api/me/tokens', headers: u.headers })).json() as { id: string }[];
    const del = await env.app.inject({ method: 'DELETE', url: `/api/tokens/${mine[0].id}`, headers: u.headers });
    assert.equal(del.statusCode, 200);
    assert.ok(del.json().revoked_at);
    const revoked = await me(u.headers);
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.json().error.code, 'unauthenticated');

    const v = await buildUser(env);
    await env.database.query(sql`update api_tokens set expires_at = now() - interval '1 second' where user_id = ${v.id}`);
    const expired = await me(v.headers);
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json().error.message, /smartcity token create/);
  });

  test('a malformed Authorization header is 401, never anonymous', async () => {
    for (const h of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'sc_abc']) {
      const res = await me({ authorization: h });
      assert.equal(res.statusCode, 401, h);
      assert.match(res.json().error.message, /Bearer <token>/);
    }
  });

  test('GET /api/me/tokens lists own tokens with prefix only, and records last use', async () => {
    const u = await buildUser(env);
    const list = (await env.app.inject({ url: '/api/me/tokens', headers: u.headers })).json() as Record<string, unknown>[];
    assert.equal(list.length, 1);
    assert.equal(list[0].prefix, u.token.slice(0, 9));
    assert.ok(list[0].last_used_at, 'the request itself used the token');
    const raw = JSON.stringify(list);
    assert.ok(!raw.includes(u.token) && !raw.includes('token_hash'));
    assert.equal((await env.app.inject({ url: '/api/me/tokens' })).statusCode, 401);
  });

  test('a token cannot mint more tokens; a browser session can, and the new token works', async () => {
    const u = await buildUser(env, { role: 'petugas_rw', scope: '32.76.01.1006/001' });
    const viaToken = await write(u.headers);
    assert.equal(viaToken.statusCode, 403);
    const s = await loginSession(env, u.email, u.password);
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: s.headers,
      payload: { name: 'HP petugas', expires_in_days: 30 },
    });
    assert.equal(created.statusCode, 201);
    const t = created.json();
    assert.match(t.token, /^sc_/);
    assert.ok(Date.parse(t.expires_at) > Date.now() + 29 * 86400_000);
    assert.equal((await me({ authorization: `Bearer ${t.token}` })).json().user.id, u.id);
  });

  test('a user cannot revoke someone else’s token (403); unknown token is 404', async () => {
    const a = await buildUser(env);
    const b = await buildUser(env);
    const bTokens = (await env.app.inject({ url: '/api/me/tokens', headers: b.headers })).json() as { id: string }[];
    assert.equal((await env.app.inject({ method: 'DELETE', url: `/api/tokens/${bTokens[0].id}`, headers: a.headers })).statusCode, 403);
    assert.equal(
      (await env.app.inject({ method: 'DELETE', url: '/api/tokens/00000000-0000-4000-8000-000000000000', headers: a.headers })).statusCode,
      404,
    );
    assert.equal((await env.app.inject({ method: 'DELETE', url: '/api/tokens/not-a-uuid', headers: a.headers })).statusCode, 400);
    assert.equal((await me(b.headers)).statusCode, 200, 'b’s token still works');
  });
});

describe('demo accounts', () => {
  test('one demo account per role, marked is_demo, with the documented scopes, all with the demo password', async () => {
    const admin = await loginSession(env, demoEmail('admin'), DEMO_PASSWORD);
    const res = await env.app.inject({ url: '/api/users?q=@demo.depok.go.id&limit=200', headers: admin.headers });
    assert.equal(res.statusCode, 200);
    const users = res.json().items as { email: string; role: string; scope: string | null; is_demo: boolean; display_name: string }[];
    const byRole = new Map(users.map((u) => [u.role, u]));
    assert.deepEqual([...byRole.keys()].sort(), [...ROLES].sort());
    for (const role of ROLES) {
      const u = byRole.get(role)!;
      assert.equal(u.email, `${role}@demo.depok.go.id`);
      assert.equal(u.is_demo, true);
      assert.match(u.display_name, /\(demo\)$/);
    }
    assert.equal(byRole.get('admin')!.display_name, 'Admin Diskominfo (demo)');
    const scopes = Object.fromEntries(users.map((u) => [u.role, u.scope]));
    assert.deepEqual(scopes, {
      admin: null,
      warga: null,
      evaluator: null,
      wifi_fleet: null,
      petugas_rw: '32.76.01.1006/001',
      puskesmas: '32.76.01',
      dinkes: '32.76',
      operator_opd: 'diskominfo',
      penjual: 'toko-demo-1',
      operator_outlet: 'dcomart-1',
      walidata: 'diskominfo',
      produsen_data: 'dinkes',
    });
    // The petugas_rw demo scope is a real RW of the seeded registry.
    assert.ok(await env.ctx.services.wilayah.findRw('32.76.01.1006/001'));
    const rw = await login(demoEmail('petugas_rw'), DEMO_PASSWORD);
    assert.equal(rw.statusCode, 200);
    assert.equal(rw.json().user.is_demo, true);
  });
});

describe('login rate limit', () => {
  test('too many attempts from one address get 429 rate_limited with a human message', async () => {
    // A second app on the same database with a low limit, so the other tests are not throttled.
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, LOGIN_RATE_LIMIT_PER_MIN: 3 } }, { logger: false });
    try {
      const codes: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'guess@depok.go.id', password: `guess-${i}` },
        });
        codes.push(last.statusCode);
      }
      assert.deepEqual(codes, [401, 401, 401, 429, 429]);
      assert.equal(last!.json().error.code, 'rate_limited');
      assert.match(last!.json().error.message, /Too many sign-in attempts\. Wait \d+ seconds/);
      assert.ok(Number(last!.headers['retry-after']) > 0);
      // Other endpoints are not limited by it.
      assert.equal((await app.inject('/api/auth/me')).statusCode, 200);
    } finally {
      await app.close();
    }
  });
});
