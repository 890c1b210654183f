import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import { openPglite, openPostgres, type Database } from '../db/client';
import { lockDataDir, type DataDirLock } from '../db/datadir-lock';
import { runMigrations } from '../db/migrate';
import { runSeeds } from '../db/seed';
import { buildServices, MODULES } from '../modules';
import { createEventBus } from './events/bus';
import { createJobRunner } from './jobs/runner';
import type { AppContext } from './module';

export interface Platform {
  ctx: AppContext;
  /** Migrates and seeds (idempotent). */
  prepare(onPhase?: (phase: string) => void): Promise<void>;
  /** Starts module background work (jobs, subscriptions). */
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

export function pgliteDir(config: Config): string {
  return path.join(config.DATA_DIR, 'pgdata');
}

/**
 * Opens the platform: the data-folder lock (PGlite), the database, event bus, jobs and module
 * services. The CLI and the server both start here, so a CLI command on a new data folder leaves
 * it exactly as `npm start` would.
 */
export async function openPlatform(
  config: Config,
  opts: { purpose: string; log?: Logger; database?: Database } = { purpose: 'smartcity' },
): Promise<Platform> {
  const log = opts.log ?? pino({ level: config.LOG_LEVEL });
  let lock: DataDirLock | undefined;
  let database = opts.database;
  if (!database) {
    if (config.DATABASE_URL) {
      database = await openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
    } else {
      lock = lockDataDir(config.DATA_DIR, opts.purpose);
      try {
        database = await openPglite(pgliteDir(config));
      } catch (err) {
        lock.release();
        throw err;
      }
    }
  }
  const events = await createEventBus(database);
  const jobs = createJobRunner(database, log);
  const base = { config, database, events, jobs, log };
  const ctx: AppContext = { ...base, services: buildServices(base) };
  const stoppers: (() => Promise<void>)[] = [];

  return {
    ctx,
    async prepare(onPhase) {
      onPhase?.('migrating');
      await runMigrations(database);
      onPhase?.('seeding');
      await runSeeds(
        ctx,
        MODULES.flatMap((m) => m.seeds ?? []),
      );
    },
    async startBackground() {
      for (const m of MODULES) {
        const stop = await m.start?.(ctx);
        if (stop) stoppers.push(stop);
      }
      jobs.start();
    },
    async close() {
      await jobs.stop();
      for (const stop of stoppers.reverse()) await stop().catch((err) => log.error({ err }, 'stop failed'));
      await events.close();
      await database.close();
      lock?.release();
    },
  };
}
