import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestDatabase } from '../helpers';
import { registerPublicEventPrefix, sseSettings, openSseStreams } from '../../src/platform/events/sse.routes';
import { BUS_RESYNC_EVENT, type DomainEvent } from '../../src/platform/events/bus';
import { connectSse, startInstance, startPgInstance, waitUntil, type Instance } from './platform-helpers';

registerPublicEventPrefix('testpub.');
registerPublicEventPrefix('otherpub.');

describe('live events on one instance (SSE over the in-process or NOTIFY bus)', () => {
  let inst: Instance;
  let drop: () => Promise<void>;
  let shared: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    shared = await createTestDatabase();
    drop = shared.drop;
    inst = await startInstance(shared.database, shared.url);
  });
  after(async () => {
    await inst.close();
    await drop();
  });

  test('a public event published on the bus reaches a connected SSE client as event/id/data', async () => {
    const c = await connectSse(`${inst.url}/api/events?types=testpub.`);
    try {
      assert.equal(c.status, 200);
      assert.match(String(c.headers['content-type']), /^text\/event-stream/);
      assert.equal(c.headers['cache-control'], 'no-cache, no-transform');
      await c.waitForComment((x) => x.startsWith('connected'));
      await inst.platform.ctx.events.publish('otherpub.ignored', { n: 0 });
      await inst.platform.ctx.events.publish('testpub.thing.happened', { n: 1, kelurahan: '32.76.01.1006' });
      const e = await c.waitFor((x) => x.event === 'testpub.thing.happened');
      assert.ok(e.id && e.id.length >= 10, 'each event has an id');
      const body = JSON.parse(e.data!);
      assert.equal(body.type, 'testpub.thing.happened');
      assert.deepEqual(body.data, { n: 1, kelurahan: '32.76.01.1006' });
      assert.ok(!c.events.some((x) => x.event === 'otherpub.ignored'), 'types outside the requested prefixes are filtered out');
    } finally {
      c.close();
    }
  });

  test('without ?types the client gets every public type, never a private one', async () => {
    const c = await connectSse(`${inst.url}/api/events`);
    try {
      await c.waitForComment((x) => x.startsWith('connected'));
      await inst.platform.ctx.events.publish('secret.user.created', { email: 'x@y' });
      await inst.platform.ctx.events.publish('otherpub.a', { n: 2 });
      await c.waitFor((x) => x.event === 'otherpub.a');
      assert.ok(!c.events.some((x) => x.event === 'secret.user.created'));
    } finally {
      c.close();
    }
  });

  test('asking for a type that is not public is refused with a clear 403', async () => {
    const res = await inst.app.inject({ method: 'GET', url: '/api/events?types=testpub.,identity.' });
    assert.equal(res.statusCode, 403);
    assert.match(res.json().error.message, /"identity\.".*not public.*"testpub\."/s);
  });

  test('heartbeat comments keep the stream alive', async () => {
    const prev = sseSettings.heartbeatMs;
    sseSettings.heartbeatMs = 100;
    const c = await connectSse(`${inst.url}/api/events?types=testpub.`);
    try {
      await c.waitForComment((x) => x.startsWith('heartbeat'), 3000);
    } finally {
      sseSettings.heartbeatMs = prev;
      c.close();
    }
  });

  test('a client that disconnects is cleaned up (no stream, no bus subscription left)', async () => {
    await waitUntil(() => openSseStreams() === 0, 3000, 'earlier streams to close');
    const subsBefore = inst.platform.ctx.events.subscriberCount();
    const c = await connectSse(`${inst.url}/api/events?types=testpub.`);
    await c.waitForComment((x) => x.startsWith('connected'));
    assert.equal(openSseStreams(), 1);
    assert.equal(inst.platform.ctx.events.subscriberCount(), subsBefore + 1);
    c.close();
    await waitUntil(() => openSseStreams() === 0 && inst.platform.ctx.events.subscriberCount() === subsBefore, 3000, 'cleanup');
    // Publishing after the disconnect must not throw (nothing writes to a dead socket).
    await inst.platform.ctx.events.publish('testpub.after', {});
  });

  test('an event larger than a NOTIFY payload (8000 bytes) arrives whole', async () => {
    const seen: DomainEvent[] = [];
    const unsub = inst.platform.ctx.events.subscribe((e) => seen.push(e));
    const big = { text: 'Kelurahan Depok — ø '.repeat(2500), list: Array.from({ length: 500 }, (_, i) => i) };
    const c = await connectSse(`${inst.url}/api/events?types=testpub.big`);
    try {
      await c.waitForComment((x) => x.startsWith('connected'));
      await inst.platform.ctx.events.publish('testpub.big', big);
      const e = await c.waitFor((x) => x.event === 'testpub.big');
      assert.ok(Buffer.byteLength(e.data!) > 40_000);
      assert.deepEqual(JSON.parse(e.data!).data, big);
      await waitUntil(() => seen.some((x) => x.type === 'testpub.big'));
      assert.deepEqual(seen.find((x) => x.type === 'testpub.big')!.data, big);
    } finally {
      unsub();
      c.close();
    }
  });

  test('closing the server ends open SSE streams instead of waiting for them', async () => {
    const other = await startInstance(shared.database, shared.url);
    const c = await connectSse(`${other.url}/api/events?types=testpub.`);
    await c.waitForComment((x) => x.startsWith('connected'));
    const t0 = Date.now();
    await other.app.close();
    await c.closed;
    assert.ok(Date.now() - t0 < 2000, `close took ${Date.now() - t0} ms`);
    // The database is shared with `inst`: only the app is closed here.
  });
});

describe(
  'live events across two instances on one PostgreSQL',
  { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PGlite is one process)' },
  () => {
    let drop: () => Promise<void>;
    let a: Instance;
    let b: Instance;
    let url: string;
    before(async () => {
      const t = await createTestDatabase();
      drop = t.drop;
      url = t.url!;
      a = await startInstance(t.database, url);
      b = await startPgInstance(url);
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await drop?.();
    });

    test('an event published on instance A reaches an SSE client connected to instance B', async () => {
      const c = await connectSse(`${b.url}/api/events?types=testpub.`);
      try {
        await c.waitForComment((x) => x.startsWith('connected'));
        await a.platform.ctx.events.publish('testpub.cross', { from: 'A' });
        const e = await c.waitFor((x) => x.event === 'testpub.cross');
        assert.deepEqual(JSON.parse(e.data!).data, { from: 'A' });
        // Exactly once, not once per instance.
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(c.events.filter((x) => x.event === 'testpub.cross').length, 1);
      } finally {
        c.close();
      }
    });

    test('a large event crosses instances whole (chunked NOTIFY)', async () => {
      const c = await connectSse(`${b.url}/api/events?types=testpub.`);
      try {
        await c.waitForComment((x) => x.startsWith('connected'));
        const big = { rows: Array.from({ length: 3000 }, (_, i) => ({ i, name: `RW ${i} — Pancoran Mas` })) };
        await a.platform.ctx.events.publish('testpub.bigcross', big);
        const e = await c.waitFor((x) => x.event === 'testpub.bigcross');
        assert.deepEqual(JSON.parse(e.data!).data, big);
      } finally {
        c.close();
      }
    });

    test('instance B re-LISTENs after its LISTEN connection is killed, and tells subscribers to resync', async () => {
      const resynced: DomainEvent[] = [];
      const unsub = b.platform.ctx.events.subscribe((e) => {
        if (e.type === BUS_RESYNC_EVENT) resynced.push(e);
      });
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const before = await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()`,
        );
        assert.equal(before.rows.length, 2, 'one LISTEN connection per instance');
        // Kill every LISTEN connection (A's and B's): both must come back.
        for (const r of before.rows) await admin.query('select pg_terminate_backend($1)', [r.pid]);
        await waitUntil(() => resynced.length > 0, 10_000, 'resync after reconnect');
        const c = await connectSse(`${b.url}/api/events?types=testpub.`);
        try {
          await c.waitForComment((x) => x.startsWith('connected'));
          await waitUntil(
            async () => {
              const r = await admin.query(`select 1 from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`);
              return r.rows.length === 2;
            },
            10_000,
            'both instances listening again',
          );
          await a.platform.ctx.events.publish('testpub.after_reconnect', { ok: true });
          const e = await c.waitFor((x) => x.event === 'testpub.after_reconnect');
          assert.deepEqual(JSON.parse(e.data!).data, { ok: true });
        } finally {
          c.close();
        }
      } finally {
        unsub();
        await admin.end();
      }
    });
  },
);
