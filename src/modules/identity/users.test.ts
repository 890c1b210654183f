import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, loginSession, type TestUser } from '../../../test/factories';
import { ROLES, type Role } from '../../platform/access';
import { SCOPE_KIND } from './identity.scope';

let env: TestEnv;
let admin: TestUser;
before(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { role: 'admin' });
});
after(async () => env.close());

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
  env.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

interface AuditRec {
  id: number;
  action: string;
  entity: string;
  entity_id: string;
  actor_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}
async function auditOf(entityId: string): Promise<AuditRec[]> {
  const r = await inject('GET', `/api/audit?entity_id=${encodeURIComponent(entityId)}`, admin.headers);
  assert.equal(r.statusCode, 200);
  return r.json().items;
}

describe('GET /api/roles', () => {
  test('lists every role once, in ROLES order, with its scope kind and a hint', async () => {
    const r = await inject('GET', '/api/roles', admin.headers);
    assert.equal(r.statusCode, 200);
    const roles: { role: string; scope_kind: string; scope_help: string }[] = r.json();
    assert.deepEqual(
      roles.map((x) => x.role),
      [...ROLES],
    );
    for (const x of roles) {
      assert.deepEqual(Object.keys(x).sort(), ['role', 'scope_help', 'scope_kind']);
      assert.equal(x.scope_kind, SCOPE_KIND[x.role as Role], x.role);
      assert.ok(x.scope_help.length > 5, x.role);
    }
    const byRole = new Map(roles.map((x) => [x.role, x]));
    assert.equal(byRole.get('petugas_rw')?.scope_kind, 'rw');
    assert.match(byRole.get('petugas_rw')!.scope_help, /32\.76\.01\.1006\/005/);
    assert.equal(byRole.get('dinkes')?.scope_kind, 'area');
    assert.equal(byRole.get('wifi_fleet')?.scope_kind, 'optional-slug');
    assert.equal(byRole.get('admin')?.scope_kind, 'none');
  });

  test('a petugas_rw gets 403 and anonymous 401', async () => {
    const rw = await buildUser(env, { role: 'petugas_rw', scope: '32.76.01.1006/001' });
    assert.equal((await inject('GET', '/api/roles', rw.headers)).statusCode, 403);
    assert.equal((await inject('GET', '/api/roles')).statusCode, 401);
  });

  test('the kind it reports is the one POST /api/users enforces', async () => {
    // warga is "none": a scope is refused, with the same hint the list gives.
    const r = await inject('POST', '/api/users', admin.headers, {
      email: 'roles-kind@depok.go.id',
      password: 'rahasia123',
      role: 'warga',
      scope: 'x',
    });
    assert.equal(r.statusCode, 400);
    const none = (await inject('GET', '/api/roles', admin.headers)).json().find((x: { role: string }) => x.role === 'warga');
    assert.ok(r.json().error.message.includes(none.scope_help));
  });
});

describe('admin only', () => {
  test('anonymous is 401, other roles 403, on every admin endpoint', async () => {
    const warga = await buildUser(env, { role: 'warga' });
    const dinkes = await buildUser(env, { role: 'dinkes', scope: '32.76' });
    const calls: [Parameters<typeof inject>[0], string, unknown?][] = [
      ['GET', '/api/users'],
      ['GET', `/api/users/${warga.id}`],
      ['POST', '/api/users', { email: 'x-admin-only@depok.go.id', password: 'rahasia123', role: 'warga' }],
      ['PATCH', `/api/users/${warga.id}`, { role: 'admin' }],
      ['POST', `/api/users/${warga.id}/tokens`, { name: 'x' }],
      ['GET', '/api/audit'],
      ['GET', '/api/roles'],
    ];
    for (const [m, url, body] of calls) {
      const anon = await inject(m, url, {}, body);
      assert.equal(anon.statusCode, 401, `${m} ${url} anonymous`);
      for (const u of [warga, dinkes]) {
        const r = await inject(m, url, u.headers, body);
        assert.equal(r.statusCode, 403, `${m} ${url} as ${u.role}`);
        assert.equal(r.json().error.code, 'forbidden');
      }
    }
    // Nothing was changed by the refused calls.
    const w = (await inject('GET', `/api/users/${warga.id}`, admin.headers)).json();
    assert.equal(w.role, 'warga');
    assert.equal((await inject('GET', '/api/users?q=x-admin-only', admin.headers)).json().items.length, 0);
  });
});

describe('users', () => {
  test('admin creates a user; the response and the audit record never carry the password hash', async () => {
    const res = await inject('POST', '/api/users', admin.headers, {
      email: 'Petugas.RW5@Depok.go.id',
      password: 'rahasia123',
      role: 'petugas_rw',
      scope: '32.76.01.1006/005',
      display_name: 'Pak Ketua RW 005',
    });
    assert.equal(res.statusCode, 201);
    const u = res.json();
    assert.equal(u.email, 'petugas.rw5@depok.go.id');
    assert.equal(u.scope, '32.76.01.1006/005');
    assert.equal(u.disabled, false);
    assert.equal(u.is_demo, false);
    assert.ok(!JSON.stringify(u).includes('argon2') && !('password_hash' in u));
    const audit = await auditOf(u.id);
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'create');
    assert.equal(audit[0].actor_id, admin.id);
    assert.equal(audit[0].after!.role, 'petugas_rw');
    assert.ok(audit[0].request_id);
    assert.ok(!JSON.stringify(audit[0]).includes('argon2') && !JSON.stringify(audit[0]).includes('rahasia'));
    // The new user can sign in.
    const s = await loginSession(env, 'petugas.rw5@depok.go.id', 'rahasia123');
    assert.equal((await inject('GET', '/api/auth/me', { cookie: s.cookie })).json().user.role, 'petugas_rw');
  });

  test('create: clear 4xx for duplicate email, unknown role, bad email, short password, bad or unknown scope', async () => {
    const base = { email: 'dup-check@depok.go.id', password: 'rahasia123', role: 'warga' };
    assert.equal((await inject('POST', '/api/users', admin.headers, base)).statusCode, 201);
    const dup = await inject('POST', '/api/users', admin.headers, { ...base, email: 'DUP-check@depok.go.id' });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.json().error.message, /already exists/);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...base, email: 'r1@depok.go.id', role: 'lurah' }, /Unknown role/],
      [{ ...base, email: 'not-an-email' }, /email address/],
      [{ ...base, email: 'r2@depok.go.id', password: 'short' }, /at least 8/],
      [{ ...base, email: 'r3@depok.go.id', role: 'petugas_rw' }, /needs a scope/],
      [{ ...base, email: 'r4@depok.go.id', role: 'petugas_rw', scope: '32.76.01.1006' }, /not an RW code/],
      [{ ...base, email: 'r5@depok.go.id', role: 'petugas_rw', scope: '32.76.01.1006/999' }, /RW 32\.76\.01\.1006\/999 does not exist/],
      [{ ...base, email: 'r6@depok.go.id', role: 'puskesmas', scope: '32.76.99' }, /Kecamatan 32\.76\.99 does not exist/],
      [{ ...base, email: 'r7@depok.go.id', role: 'puskesmas', scope: '32.76.01.9999' }, /Kelurahan 32\.76\.01\.9999 does not exist/],
      [{ ...base, email: 'r8@depok.go.id', role: 'dinkes', scope: 'jakarta' }, /not a city, kecamatan or kelurahan code/],
      [{ ...base, email: 'r9@depok.go.id', role: 'operator_opd', scope: 'Dinas Kominfo!' }, /not a valid id/],
      [{ ...base, email: 'r10@depok.go.id', role: 'admin', scope: '32.76' }, /has no scope/],
      [{ ...base, email: 'r11@depok.go.id', is_admin: true }, /invalid fields/],
    ];
    for (const [body, msg] of cases) {
      const r = await inject('POST', '/api/users', admin.headers, body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(r.json().error.code, 'validation_failed');
      assert.match(JSON.stringify(r.json().error), msg, JSON.stringify(body));
    }
    for (const [role, scope] of [
      ['puskesmas', '32.76.01'],
      ['puskesmas', '32.76.01.1006'],
      ['dinkes', '32.76'],
      ['penjual', 'toko-demo-2'],
      ['wifi_fleet', null],
    ] as const) {
      const r = await inject('POST', '/api/users', admin.headers, {
        ...base,
        email: `ok-${role}-${String(scope).replace(/\W/g, '')}@depok.go.id`,
        role,
        scope,
      });
      assert.equal(r.statusCode, 201, `${role} ${scope}: ${r.body}`);
    }
  });

  test('list: newest first, filter by role, keyset pages without gaps or repeats', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await buildUser(env, { role: 'evaluator', email: `eval-${i}@kemenkominfo.go.id` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/users?role=evaluator&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await inject('GET', url, admin.headers);
      assert.equal(r.statusCode, 200);
      const body = r.json() as { items: { id: string; role: string; created_at: string }[]; next_cursor: string | null };
      assert.ok(body.items.every((u) => u.role === 'evaluator'));
      assert.ok(body.items.length <= 2);
      seen.push(...body.items.map((u) => u.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    // The 5 evaluators made here plus the demo evaluator, each exactly once, newest first.
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(seen.slice(0, 5), [...made].reverse());
    assert.equal(seen.length, 6);
    const bad = await inject('GET', '/api/users?cursor=garbage', admin.headers);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /cursor/);
    assert.equal((await inject('GET', '/api/users?role=lurah', admin.headers)).statusCode, 400);
    const all = (await inject('GET', '/api/users?limit=200', admin.headers)).body;
    assert.ok(!all.includes('password_hash') && !all.includes('$argon2'));
  });

  test('patch: role/scope/display_name, scope re-checked for the new role, audited with before/after', async () => {
    const u = await buildUser(env, { role: 'petugas_rw', scope: '32.76.01.1006/001' });
    const badScope = await inject('PATCH', `/api/users/${u.id}`, admin.headers, { role: 'puskesmas' });
    assert.equal(badScope.statusCode, 400, 'an RW is not a puskesmas area');
    const ok = await inject('PATCH', `/api/users/${u.id}`, admin.headers, {
      role: 'puskesmas',
      scope: '32.76.01',
      display_name: 'Puskesmas Pancoran Mas',
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().role, 'puskesmas');
    assert.equal(ok.json().scope, '32.76.01');
    assert.equal(ok.json().display_name, 'Puskesmas Pancoran Mas');
    // The user's existing token now acts with the new role.
    assert.equal((await inject('GET', '/api/auth/me', u.headers)).json().user.role, 'puskesmas');
    const audit = await auditOf(u.id);
    const upd = audit.find((a) => a.action === 'update')!;
    assert.deepEqual([upd.before!.role, upd.before!.scope], ['petugas_rw', '32.76.01.1006/001']);
    assert.deepEqual([upd.after!.role, upd.after!.scope], ['puskesmas', '32.76.01']);
    assert.equal((await inject('PATCH', `/api/users/${u.id}`, admin.headers, {})).statusCode, 400);
    assert.equal(
      (await inject('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', admin.headers, { disabled: true })).statusCode,
      404,
    );
  });

  test('patch password signs the user out everywhere; the audit says so without the hash', async () => {
    const u = await buildUser(env);
    const s = await loginSession(env, u.email, u.password);
    const r = await inject('PATCH', `/api/users/${u.id}`, admin.headers, { password: 'baru-rahasia-1' });
    assert.equal(r.statusCode, 200);
    assert.equal((await inject('GET', '/api/auth/me', { cookie: s.cookie })).json().user, null);
    await loginSession(env, u.email, 'baru-rahasia-1');
    const upd = (await auditOf(u.id)).find((a) => a.action === 'update')!;
    assert.equal(upd.after!.password_changed, true);
    assert.ok(!JSON.stringify(upd).includes('argon2') && !JSON.stringify(upd).includes('baru-rahasia'));
  });

  test('an admin cannot disable or demote themself (no lock-out)', async () => {
    const r1 = await inject('PATCH', `/api/users/${admin.id}`, admin.headers, { disabled: true });
    const r2 = await inject('PATCH', `/api/users/${admin.id}`, admin.headers, { role: 'warga' });
    assert.equal(r1.statusCode, 409);
    assert.equal(r2.statusCode, 409);
    assert.equal((await inject('GET', '/api/auth/me', admin.headers)).json().user.role, 'admin');
  });
});

describe('tokens (admin)', () => {
  test('admin issues a token for a machine account; shown once, listed by prefix, revoked with an audit trail', async () => {
    const fleet = await buildUser(env, { role: 'wifi_fleet' });
    const r = await inject('POST', `/api/users/${fleet.id}/tokens`, admin.headers, { name: 'AP controller', expires_in_days: 365 });
    assert.equal(r.statusCode, 201);
    const t = r.json();
    assert.match(t.token, /^sc_[\w-]{40,}$/);
    assert.equal(t.prefix, t.token.slice(0, 9));
    assert.equal(t.user_id, fleet.id);
    const bearer = { authorization: `Bearer ${t.token}` };
    assert.equal((await inject('GET', '/api/auth/me', bearer)).json().user.role, 'wifi_fleet');
    const mine = (await inject('GET', '/api/me/tokens', bearer)).json() as { id: string; name: string }[];
    assert.deepEqual(mine.map((x) => x.name).sort(), ['AP controller', 'test']);
    assert.ok(!JSON.stringify(mine).includes(t.token));
    const del = await inject('DELETE', `/api/tokens/${t.id}`, admin.headers);
    assert.equal(del.statusCode, 200);
    assert.equal((await inject('GET', '/api/auth/me', bearer)).statusCode, 401);
    assert.equal((await inject('DELETE', `/api/tokens/${t.id}`, admin.headers)).statusCode, 200, 'revoking twice is harmless');
    const audit = await auditOf(t.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['revoke', 'create'],
    );
    assert.equal(audit[0].before!.revoked_at, null);
    assert.ok(audit[0].after!.revoked_at);
    assert.ok(!JSON.stringify(audit).includes(t.token));
    assert.equal(
      (await inject('POST', '/api/users/00000000-0000-4000-8000-000000000000/tokens', admin.headers, { name: 'x' })).statusCode,
      404,
    );
    assert.equal((await inject('POST', `/api/users/${fleet.id}/tokens`, admin.headers, { name: '' })).statusCode, 400);
  });
});
