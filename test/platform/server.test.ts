// The real server process: crash durability (kill -9 after acknowledged writes), the data-folder
// lock, graceful Ctrl-C, restarts without re-seeding, readiness while migrating, forced shutdown.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/server';
import { createTestEnv, type TestEnv } from '../helpers';
import { prepareBackend, spawnCli, spawnServer, type PreparedBackend, type Spawned } from './platform-helpers';

const N = 12;

interface CreatedUser {
  id: string;
  email: string;
}

/** One acknowledged write: an admin creates a user (POST /api/users → 201). */
async function createUser(url: string, token: string, email: string): Promise<Response> {
  return fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Durable-2026!', role: 'warga', display_name: `Durability ${email.split('@')[0]}` }),
  });
}

async function userExists(url: string, token: string, u: CreatedUser): Promise<boolean> {
  const r = await fetch(`${url}/api/users/${u.id}`, { headers: { authorization: `Bearer ${token}` } });
  if (r.status === 404) return false;
  assert.equal(r.status, 200);
  return ((await r.json()) as CreatedUser).email === u.email;
}

async function seedRuns(b: PreparedBackend): Promise<string[]> {
  return b.withDatabase(async (db) =>
    (
      await db.query<{ name: string; version: number; ran_at: string }>(
        sql`select name, version, ran_at::text from seed_runs order by name, version`,
      )
    ).map((r) => `${r.name}@${r.version}@${r.ran_at}`),
  );
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function stop(s: Spawned): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await s.exited;
}

describe(`the real server on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let b: PreparedBackend;
  const spawned: Spawned[] = [];
  let runsBefore: string[];
  before(async () => {
    b = await prepareBackend();
    runsBefore = await seedRuns(b);
  });
  after(async () => {
    for (const s of spawned) await stop(s);
    await b.cleanup();
  });

  test('acknowledged writes survive kill -9; second serve on a held folder is refused; Ctrl-C is graceful; restarts do not re-seed', async () => {
    // 1. Start on the prepared data: no seed step runs again.
    const a = await spawnServer(b.env);
    spawned.push(a);
    assert.doesNotMatch(a.output(), /seed step done/);

    if (b.kind === 'pglite') {
      // 2. A second server on the same data folder refuses clearly and leaves the first intact.
      const second = spawnCli(['serve'], b.env);
      const exit = await second.exited;
      assert.equal(exit.code, 2, second.output());
      assert.match(second.output(), new RegExp(`data folder .* is in use by process ${a.child.pid}`));
      assert.match(second.output(), /Stop that process first/);
      assert.equal((await fetch(`${a.url}/api/ready`)).status, 200, 'the first server still answers');
    }

    // 3. N acknowledged writes, then kill -9 right after the last 2xx.
    const tag = Date.now().toString(36);
    const written: CreatedUser[] = [];
    for (let i = 0; i < N; i++) {
      const res = await createUser(a.url, b.adminToken, `durable-${tag}-${i}@test.depok.go.id`);
      const text = await res.text();
      assert.equal(res.status, 201, `${text}\n${a.output().slice(-3000)}`);
      written.push(JSON.parse(text) as CreatedUser);
    }
    a.child.kill('SIGKILL');
    const killed = await a.exited;
    assert.equal(killed.signal, 'SIGKILL');

    // 4. Restart on the same data (the stale lock of the dead process is taken over): every write is there.
    const c = await spawnServer(b.env);
    spawned.push(c);
    assert.doesNotMatch(c.output(), /seed step done/);
    for (const u of written) assert.ok(await userExists(c.url, b.adminToken, u), `acknowledged write ${u.email} lost`);

    // 5. Ctrl-C while writes are in flight: they complete and the process exits 0. One request is
    // held open deterministically (its body arrives only after the signal); eight more keep argon2 busy.
    const inFlightEmails = Array.from({ length: 8 }, (_, i) => `inflight-${tag}-${i}@test.depok.go.id`);
    const slowEmail = `slow-${tag}@test.depok.go.id`;
    const slowBody = JSON.stringify({ email: slowEmail, password: 'Durable-2026!', role: 'warga' });
    const port = Number(new URL(c.url).port);
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    let slowReply = '';
    sock.setEncoding('utf8').on('data', (d: string) => (slowReply += d));
    sock.write(
      `POST /api/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${b.adminToken}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\n\r\n${slowBody.slice(0, 10)}`,
    );
    const inFlight = inFlightEmails.map((e) => createUser(c.url, b.adminToken, e));
    // Signal once the server has received all of them, the slow one included (its request log says so).
    await waitFor(() => (c.output().match(/"method":"POST","url":"\/api\/users"/g) ?? []).length >= inFlightEmails.length + 1, 10_000);
    const sigintAt = Date.now();
    c.child.kill('SIGINT');
    await waitFor(() => /SIGINT: shutting down/.test(c.output()), 5000);
    await new Promise((r) => setTimeout(r, 300));
    sock.write(slowBody.slice(10));
    await waitFor(() => /\r\n\r\n/.test(slowReply), 10_000);
    assert.match(slowReply, /^HTTP\/1\.1 201 /, `the request in flight at SIGINT did not complete: ${slowReply}`);
    sock.destroy();
    const inFlightUsers: CreatedUser[] = [];
    for (const p of inFlight) {
      const res = await p;
      const text = await res.text();
      assert.equal(res.status, 201, `${text}\n${c.output().slice(-3000)}`);
      inFlightUsers.push(JSON.parse(text) as CreatedUser);
    }
    const exit = await c.exited;
    assert.equal(exit.code, 0, c.output());
    assert.ok(Date.now() - sigintAt < 8000, `graceful stop took ${Date.now() - sigintAt} ms`);

    // 6. Restart: same data (writes acknowledged during shutdown included), no re-seed, no error.
    const d = await spawnServer(b.env);
    spawned.push(d);
    assert.doesNotMatch(d.output(), /seed step done|"level":50|"level":60/);
    for (const u of [...written, ...inFlightUsers]) assert.ok(await userExists(d.url, b.adminToken, u), `write ${u.email} lost`);
    const slow = (await (
      await fetch(`${d.url}/api/users?q=${encodeURIComponent(slowEmail)}`, { headers: { authorization: `Bearer ${b.adminToken}` } })
    ).json()) as { items: CreatedUser[] };
    assert.deepEqual(
      slow.items.map((u) => u.email),
      [slowEmail],
      'the write completed during shutdown is there',
    );
    d.child.kill('SIGINT');
    assert.equal((await d.exited).code, 0);
    assert.deepEqual(await seedRuns(b), runsBefore, 'seed_runs unchanged by restarts');
  });
});

describe('readiness and health', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => env.close());

  test('/api/ready is 503 (with the phase) while migrating, other API calls get 503, then ready turns 200', async () => {
    const readiness = { ready: false, phase: 'migrating' };
    const app = await buildApp(env.ctx, { readiness, logger: false });
    try {
      const r1 = await app.inject('/api/ready');
      assert.equal(r1.statusCode, 503);
      assert.deepEqual(r1.json(), { status: 'not_ready', reason: 'migrating' });
      const api = await app.inject('/api/wilayah/kecamatan');
      assert.equal(api.statusCode, 503);
      assert.match(api.json().error.message, /starting \(migrating\)/);
      const h = await app.inject('/api/health');
      assert.equal(h.statusCode, 200, 'liveness answers during migrations');
      readiness.ready = true;
      readiness.phase = 'ready';
      const r2 = await app.inject('/api/ready');
      assert.equal(r2.statusCode, 200);
      assert.equal(r2.json().db, env.database.kind);
    } finally {
      await app.close();
    }
  });

  test('health reports the database kind, version and uptime', async () => {
    const h = await env.app.inject('/api/health');
    assert.equal(h.statusCode, 200);
    const body = h.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.db, env.database.kind);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
    assert.equal(typeof body.uptime_s, 'number');
    assert.ok(body.uptime_s >= 0);
    assert.equal(h.headers['cache-control'], 'no-store');
  });
});

describe('startServer in-process', () => {
  let b: PreparedBackend;
  before(async () => {
    b = await prepareBackend();
  });
  after(async () => b.cleanup());

  test('listens, reports ready, and a stuck request cannot hang shutdown (forced after the timeout)', async () => {
    const config = loadConfig({ ...process.env, ...b.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const server = await startServer(config, { log: pino({ level: 'silent' }) });
    let closedDb = false;
    try {
      assert.equal((await fetch(`${server.url}/api/ready`)).status, 200);
      // A client that promises a body and never sends it keeps its request in flight.
      const port = Number(new URL(server.url).port);
      const sock = net.connect(port, '127.0.0.1');
      await new Promise((r) => sock.once('connect', r));
      sock.write(
        `POST /api/wilayah/rw/import HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${b.adminToken}\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nkelurahan_code,rw`,
      );
      sock.on('error', () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      const clean = await server.stop(500);
      closedDb = true;
      assert.equal(clean, false, 'reported as a forced stop');
      assert.ok(Date.now() - t0 < 5000, `stop took ${Date.now() - t0} ms`);
      await new Promise<void>((r) => (sock.destroyed ? r() : sock.once('close', () => r())));
    } finally {
      if (!closedDb) await server.stop(500);
    }
    // The database was closed cleanly: it opens again with the data intact.
    const n = await b.withDatabase(async (db) => (await db.query<{ n: number }>(sql`select count(*)::int as n from kelurahan`))[0].n);
    assert.equal(n, 63);
  });
});
