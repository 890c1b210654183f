import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { openPglite, openPostgres, type Database } from '../src/db/client';
import { openPlatform, type Platform } from '../src/platform/boot';
import { dbUrlWithName } from './db-url';

export interface TestEnv {
  app: FastifyInstance;
  platform: Platform;
  ctx: Platform['ctx'];
  database: Database;
  config: Config;
  /** For PostgreSQL runs: the URL of this file's own database (e.g. for a second instance). */
  databaseUrl?: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated and seeded database for one test file (a copy of the run's template), with the
 * app built on it. PGlite by default; PostgreSQL when DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  const template = process.env.TEST_TEMPLATE;
  if (base) {
    const name = `${new URL(base).pathname.slice(1)}_t_${process.env.TEST_RUN_ID ?? 'x'}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const tmpl = template && fs.existsSync(template) ? fs.readFileSync(template, 'utf8') : undefined;
    await admin.query(`CREATE DATABASE "${name}"${tmpl ? ` TEMPLATE "${tmpl}"` : ''}`);
    await admin.end();
    const url = dbUrlWithName(base, name);
    const database = await openPostgres(url, 5);
    return {
      database,
      url,
      async drop() {
        const a = new pg.Client({ connectionString: base });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const blob = template && fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined;
  const database = await openPglite(undefined, blob);
  return { database, async drop() {} };
}

export async function createTestEnv(envOverrides: Record<string, string> = {}): Promise<TestEnv> {
  const { database, url, drop } = await createTestDatabase();
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : {}), ...envOverrides });
  const platform = await openPlatform(config, { purpose: 'test', log: pino({ level: 'silent' }), database });
  await platform.prepare();
  const app = await buildApp(platform.ctx, { logger: false });
  await app.ready();
  return {
    app,
    platform,
    ctx: platform.ctx,
    database,
    config,
    databaseUrl: url,
    async close() {
      await app.close();
      await platform.close();
      await drop();
    },
  };
}
