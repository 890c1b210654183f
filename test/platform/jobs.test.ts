import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../helpers';
import { openPostgres, type Database } from '../../src/db/client';
import { createJobRunner } from '../../src/platform/jobs/runner';
import { waitUntil } from './platform-helpers';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  instance: string;
  start: number;
  end: number;
}

/** Asserts that no two recorded runs overlap in time. */
function assertNoOverlap(runs: Run[]): void {
  const sorted = [...runs].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(
      sorted[i].start >= sorted[i - 1].end,
      `run ${i} (${sorted[i].instance}) started before run ${i - 1} (${sorted[i - 1].instance}) ended`,
    );
  }
}

describe('periodic jobs on one instance', () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    t = await createTestDatabase();
  });
  after(async () => {
    await t.database.close();
    await t.drop();
  });

  test('a registered job runs periodically and stop() waits for the run in progress', async () => {
    const jobs = createJobRunner(t.database, log);
    let runs = 0;
    let inside = false;
    jobs.register({
      name: 'test.periodic',
      everyMs: 30,
      async run() {
        inside = true;
        await sleep(20);
        runs++;
        inside = false;
      },
    });
    jobs.start();
    await waitUntil(() => runs >= 3, 3000, 'three runs');
    await jobs.stop();
    assert.equal(inside, false, 'stop() returned while a run was still going');
    const after = runs;
    await sleep(120);
    assert.equal(runs, after, 'no runs after stop()');
  });

  test('runNow does not start a second run of a job that is already running', async () => {
    const jobs = createJobRunner(t.database, log);
    let release!: () => void;
    let started = 0;
    jobs.register({
      name: 'test.exclusive',
      everyMs: 60_000,
      async run() {
        started++;
        await new Promise<void>((r) => (release = r));
      },
    });
    const first = jobs.runNow('test.exclusive');
    await waitUntil(() => started === 1);
    assert.equal(await jobs.runNow('test.exclusive'), false, 'second run refused while the first holds the lock');
    release();
    assert.equal(await first, true);
    const again = jobs.runNow('test.exclusive');
    await waitUntil(() => started === 2);
    release();
    assert.equal(await again, true, 'the lock is free again after the run');
    await jobs.stop();
  });

  test('a failing run is logged, releases its lock, and the job keeps its schedule', async () => {
    const jobs = createJobRunner(t.database, log);
    let calls = 0;
    jobs.register({
      name: 'test.failing',
      everyMs: 20,
      async run() {
        calls++;
        throw new Error('boom');
      },
    });
    jobs.start();
    await waitUntil(() => calls >= 3, 3000, 'runs after failures');
    await jobs.stop();
    await assert.rejects(jobs.runNow('test.failing'), /boom/);
  });

  test('tryWithLock releases the advisory lock on its own session before the connection is reused', async () => {
    const key = 7_799_001;
    const r = await t.database.tryWithLock(key, async () => {
      const inner = await t.database.tryWithLock(key, async () => 'nested');
      return inner.ran;
    });
    assert.deepEqual(r, { ran: true, value: false });
    await assert.rejects(
      t.database.tryWithLock(key, async () => {
        throw new Error('in job');
      }),
      /in job/,
    );
    const again = await t.database.tryWithLock(key, async () => 42);
    assert.deepEqual(again, { ran: true, value: 42 });
    if (t.database.kind === 'postgres') {
      // No advisory lock is left behind on any pooled connection.
      const held = await t.database.query<{ n: number }>(
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
      );
      assert.equal(held[0].n, 0);
    }
  });
});

describe(
  'periodic jobs across two instances on one PostgreSQL',
  { skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PGlite is one process)' },
  () => {
    let t: Awaited<ReturnType<typeof createTestDatabase>>;
    let dbB: Database;
    before(async () => {
      t = await createTestDatabase();
      dbB = await openPostgres(t.url!, 4);
      await t.database.query(
        sql`create table job_test_runs (instance text not null, started_at timestamptz not null, ended_at timestamptz not null)`,
      );
    });
    after(async () => {
      await dbB?.close();
      await t.database.close();
      await t.drop();
    });

    test('a job registered on both runs on one instance at a time, and the other takes over', async () => {
      const runs: Run[] = [];
      const make = (name: string, database: Database) => {
        const jobs = createJobRunner(database, log);
        jobs.register({
          name: 'test.shared',
          everyMs: 40,
          async run() {
            const start = Date.now();
            await sleep(25);
            const end = Date.now();
            runs.push({ instance: name, start, end });
            await database.query(
              sql`insert into job_test_runs values (${name}, ${new Date(start).toISOString()}, ${new Date(end).toISOString()})`,
            );
          },
        });
        return jobs;
      };
      const a = make('A', t.database);
      const b = make('B', dbB);
      a.start();
      b.start();
      await sleep(800);
      await a.stop(); // instance A goes away: B must carry on alone
      const whileBoth = runs.length;
      await sleep(400);
      await b.stop();
      assertNoOverlap(runs);
      // Counts are loose on purpose (a busy CI machine slows every tick); the no-overlap check above is
      // what proves the lock.
      assert.ok(whileBoth >= 4, `only ${whileBoth} runs while both were up`);
      assert.ok(runs.slice(whileBoth).length >= 2, `B did not take over after A stopped: ${JSON.stringify(runs)}`);
      assert.ok(runs.slice(whileBoth).every((r) => r.instance === 'B'));
      // The records in the shared table agree (what another instance would see).
      const rows = await t.database.query<{ instance: string; started_at: string; ended_at: string }>(
        sql`select instance, started_at::text, ended_at::text from job_test_runs order by started_at`,
      );
      assert.equal(rows.length, runs.length);
      assert.deepEqual(new Set(rows.map((r) => r.instance)), new Set(runs.map((r) => r.instance)));
    });

    test('while A holds the lock B skips; when A is done B runs (taking turns)', async () => {
      const order: string[] = [];
      let releaseA!: () => void;
      const a = createJobRunner(t.database, log);
      const b = createJobRunner(dbB, log);
      for (const [name, jobs] of [
        ['A', a],
        ['B', b],
      ] as const) {
        jobs.register({
          name: 'test.turns',
          everyMs: 60_000,
          async run() {
            order.push(name);
            if (name === 'A') await new Promise<void>((r) => (releaseA = r));
          },
        });
      }
      const runA = a.runNow('test.turns');
      await waitUntil(() => order.length === 1);
      assert.equal(await b.runNow('test.turns'), false, 'B must not run while A runs');
      releaseA();
      assert.equal(await runA, true);
      assert.equal(await b.runNow('test.turns'), true, 'B runs once A released the lock');
      assert.deepEqual(order, ['A', 'B']);
    });
  },
);
