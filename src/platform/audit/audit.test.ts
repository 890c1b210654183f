import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/helpers';
import { buildUser, type TestUser } from '../../../test/factories';
import { recordAudit } from './audit';

let env: TestEnv;
let admin: TestUser;
before(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { role: 'admin' });
  // Ten records of a test entity, written the way modules write them.
  for (let i = 1; i <= 10; i++) {
    await env.database.db.transaction(async (tx) => {
      await recordAudit(tx, {
        actor: admin,
        action: 'update',
        entity: 'test.thing',
        entityId: `thing-${i % 2}`,
        before: { n: i - 1 },
        after: { n: i },
      });
    });
  }
});
after(async () => env.close());

const get = (url: string, headers = admin.headers) => env.app.inject({ url, headers });

describe('audit log', () => {
  test('is append-only in the database: UPDATE, DELETE and TRUNCATE raise', async () => {
    const [{ n }] = await env.database.query<{ n: number }>(sql`select count(*)::int as n from audit_log`);
    assert.ok(n >= 10);
    const attempts = [
      sql`update audit_log set action = 'tampered' where entity = 'test.thing'`,
      sql`delete from audit_log where entity = 'test.thing'`,
      sql`truncate audit_log`,
    ];
    for (const q of attempts) {
      await assert.rejects(env.database.query(q), (err: Error & { cause?: Error }) => {
        assert.match(String(err.cause?.message ?? err.message), /audit_log is append-only/);
        return true;
      });
    }
    const [{ m }] = await env.database.query<{ m: number }>(sql`select count(*)::int as m from audit_log`);
    assert.equal(m, n);
    const tampered = await env.database.query(sql`select 1 from audit_log where action = 'tampered'`);
    assert.equal(tampered.length, 0);
  });

  test('admin reads it newest first, filtered by entity and entity_id, paged with before', async () => {
    const r = await get('/api/audit?entity=test.thing&limit=4');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    const p1 = r.json() as {
      items: { id: number; entity_id: string; after: { n: number }; actor_id: string; actor_role: string; at: string }[];
      next_before: number;
    };
    assert.deepEqual(
      p1.items.map((i) => i.after.n),
      [10, 9, 8, 7],
    );
    assert.equal(p1.items[0].actor_id, admin.id);
    assert.equal(p1.items[0].actor_role, 'admin');
    assert.ok(!Number.isNaN(Date.parse(p1.items[0].at)));
    assert.equal(p1.next_before, p1.items[3].id);
    const p2 = (await get(`/api/audit?entity=test.thing&limit=4&before=${p1.next_before}`)).json();
    assert.deepEqual(
      p2.items.map((i: { after: { n: number } }) => i.after.n),
      [6, 5, 4, 3],
    );
    const p3 = (await get(`/api/audit?entity=test.thing&limit=4&before=${p2.next_before}`)).json();
    assert.deepEqual(
      p3.items.map((i: { after: { n: number } }) => i.after.n),
      [2, 1],
    );
    assert.equal(p3.next_before, null);
    const odd = (await get('/api/audit?entity=test.thing&entity_id=thing-1')).json();
    assert.deepEqual(
      odd.items.map((i: { after: { n: number } }) => i.after.n),
      [9, 7, 5, 3, 1],
    );
  });

  test('bad query parameters are 400; non-admins 403; anonymous 401', async () => {
    assert.equal((await get('/api/audit?limit=0')).statusCode, 400);
    assert.equal((await get('/api/audit?limit=201')).statusCode, 400);
    assert.equal((await get('/api/audit?before=abc')).statusCode, 400);
    assert.equal((await get('/api/audit?sort=asc')).statusCode, 400);
    const evaluator = await buildUser(env, { role: 'evaluator' });
    assert.equal((await get('/api/audit', evaluator.headers)).statusCode, 403);
    assert.equal((await get('/api/audit', {})).statusCode, 401);
  });
});
