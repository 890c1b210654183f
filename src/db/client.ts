import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What `db.transaction(async (tx) => …)` hands to its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Listener = (payload: string) => void;

/**
 * The one handle every module gets: a drizzle instance over PGlite or PostgreSQL plus the few
 * backend-specific capabilities (LISTEN/NOTIFY, session-level advisory locks) the platform needs.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs raw SQL and returns rows (both drivers return `{ rows }`). */
  query<T = Record<string, unknown>>(q: SQL): Promise<T[]>;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, fn: Listener): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  /** Runs fn while holding a session advisory lock if it is free; returns undefined if taken. */
  tryWithLock<T>(key: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Runs fn holding a session advisory lock, waiting for it (migrations, seeding). */
  withLock<T>(key: number, fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Called after the LISTEN connection was lost and re-established (PostgreSQL): notifications sent
   * in between were missed. PGlite never calls it. Returns an unsubscribe function.
   */
  onReconnect(fn: () => void): () => void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the underlying instance (tests dump/load data dirs with it). */
  readonly pglite?: PGlite;
  readonly pool?: pg.Pool;
}

export const PGLITE_EXTENSIONS = { pg_trgm };

/** Opens the embedded database in `dir` (created if missing). */
export async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create({ dataDir: dir, extensions: PGLITE_EXTENSIONS, loadDataDir });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  // PGlite runs one query at a time in-process; a JS mutex keeps lock semantics for jobs the same.
  const held = new Set<number>();
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(q: SQL) {
      const r = await db.execute(q);
      return (r as { rows: T[] }).rows;
    },
    async listen(channel, fn) {
      const unsub = await client.listen(channel, fn);
      return async () => unsub();
    },
    async notify(channel, payload) {
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async tryWithLock(key, fn) {
      if (held.has(key)) return { ran: false };
      held.add(key);
      try {
        return { ran: true, value: await fn() };
      } finally {
        held.delete(key);
      }
    },
    async withLock(_key, fn) {
      return fn(db);
    },
    onReconnect() {
      return () => undefined; // one process, no connection to lose
    },
    async ping() {
      await client.query('select 1');
      return true;
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** How long the LISTEN connection waits before reconnecting (doubles up to 30 s). */
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 30_000;

/**
 * Connects to PostgreSQL through a pool. `onError` hears about dropped connections (the pool and
 * the LISTEN connection recover by themselves; this is for logging).
 */
export async function openPostgres(
  url: string,
  poolSize = 10,
  opts: { onError?: (err: Error, where: string) => void } = {},
): Promise<Database> {
  const onError = opts.onError ?? (() => undefined);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => onError(err, 'pool'));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const listeners = new Map<string, Set<Listener>>();
  const reconnectHandlers = new Set<() => void>();
  let listenClient: Promise<pg.Client> | undefined;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let backoff = RECONNECT_MIN_MS;

  // One dedicated connection carries every LISTEN. If it drops (server restart, network, a
  // terminated backend) it is replaced and re-LISTENs every channel; events sent in the gap are
  // lost, so subscribers are told (onReconnect) and can refresh what they cache.
  function connectListenClient(): Promise<pg.Client> {
    const p = (async () => {
      const c = new pg.Client({ connectionString: url, keepAlive: true });
      let dropped = false;
      const drop = (err?: Error) => {
        if (dropped) return;
        dropped = true;
        if (listenClient === p) listenClient = undefined;
        c.end().catch(() => undefined);
        if (closed) return;
        onError(err ?? new Error('LISTEN connection ended'), 'listen');
        scheduleReconnect();
      };
      c.on('error', drop);
      c.on('end', () => drop());
      c.on('notification', (n) => {
        for (const fn of listeners.get(n.channel) ?? []) fn(n.payload ?? '');
      });
      await c.connect();
      for (const channel of listeners.keys()) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return c;
    })();
    listenClient = p;
    p.catch(() => {
      if (listenClient === p) listenClient = undefined;
    });
    return p;
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connectListenClient().then(
        () => {
          backoff = RECONNECT_MIN_MS;
          for (const fn of reconnectHandlers) fn();
        },
        (err: Error) => {
          onError(err, 'listen reconnect');
          backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
          scheduleReconnect();
        },
      );
    }, backoff);
    reconnectTimer.unref();
  }

  // Runs fn on one pooled client while holding a session advisory lock taken by `acquire`. The lock
  // belongs to that session, so it is released on the same client before the client goes back to
  // the pool; if unlocking fails the client is destroyed (ending the session frees the lock).
  async function onLockedClient<T>(
    key: number,
    acquire: 'pg_try_advisory_lock' | 'pg_advisory_lock',
    fn: (client: pg.PoolClient) => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      let got: boolean;
      try {
        if (acquire === 'pg_try_advisory_lock') {
          const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [key]);
          got = r.rows[0]?.ok === true;
        } else {
          await client.query('select pg_advisory_lock($1::bigint)', [key]);
          got = true;
        }
      } catch (err) {
        broken = err as Error;
        throw err;
      }
      if (!got) return { ran: false };
      try {
        return { ran: true, value: await fn(client) };
      } finally {
        try {
          await client.query('select pg_advisory_unlock($1::bigint)', [key]);
        } catch (err) {
          broken = err as Error;
        }
      }
    } finally {
      client.release(broken);
    }
  }

  return {
    kind: 'postgres',
    db,
    pool,
    async query<T>(q: SQL) {
      const r = await db.execute(q);
      return (r as { rows: T[] }).rows;
    },
    async listen(channel, fn) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (listenClient) {
          const c = await listenClient;
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        }
        // (A new connection LISTENs every known channel as it connects.)
      }
      set.add(fn);
      if (!listenClient) await connectListenClient();
      const own = set;
      return async () => {
        own.delete(fn);
      };
    },
    onReconnect(fn) {
      reconnectHandlers.add(fn);
      return () => reconnectHandlers.delete(fn);
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async tryWithLock(key, fn) {
      return onLockedClient(key, 'pg_try_advisory_lock', () => fn());
    },
    async withLock(key, fn) {
      const r = await onLockedClient(key, 'pg_advisory_lock', (client) => fn(drizzlePg(client, { schema }) as unknown as Db));
      if (!r.ran) throw new Error(`advisory lock ${key} was not taken`); // pg_advisory_lock waits, so this cannot happen
      return r.value;
    },
    async ping() {
      await pool.query('select 1');
      return true;
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const c = listenClient;
      listenClient = undefined;
      if (c) await c.then((cl) => cl.end()).catch(() => undefined);
      await pool.end();
    },
  };
}

export { sql };
