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
      return (r as unknown as { rows: T[] }).rows;
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
    async ping() {
      await client.query('select 1');
      return true;
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** Connects to PostgreSQL through a pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  let listenClient: pg.Client | undefined;
  const listeners = new Map<string, Set<Listener>>();

  async function ensureListenClient(): Promise<pg.Client> {
    if (listenClient) return listenClient;
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    c.on('notification', (n) => {
      for (const fn of listeners.get(n.channel) ?? []) fn(n.payload ?? '');
    });
    listenClient = c;
    return c;
  }

  return {
    kind: 'postgres',
    db,
    pool,
    async query<T>(q: SQL) {
      const r = await db.execute(q);
      return (r as unknown as { rows: T[] }).rows;
    },
    async listen(channel, fn) {
      const c = await ensureListenClient();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(fn);
      return async () => {
        set!.delete(fn);
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async tryWithLock(key, fn) {
      const client = await pool.connect();
      try {
        const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key]);
        if (!r.rows[0]?.ok) return { ran: false };
        try {
          return { ran: true, value: await fn() };
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async withLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn(drizzlePg(client, { schema }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
      return true;
    },
    async close() {
      if (listenClient) await listenClient.end().catch(() => undefined);
      await pool.end();
    },
  };
}

export { sql };
