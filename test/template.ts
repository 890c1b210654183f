// Builds a migrated + seeded database once per test run; every test file starts from a copy of
// it (PGlite: a dumped data dir; PostgreSQL: CREATE DATABASE … TEMPLATE), which is far cheaper
// than migrating and seeding per file.
import fs from 'node:fs';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { openPglite, openPostgres } from '../src/db/client';
import { openPlatform } from '../src/platform/boot';
import pino from 'pino';
import { dbUrlWithName } from './db-url';

const log = pino({ level: 'warn' });

async function main() {
  const out = process.argv[2];
  const base = process.env.DATABASE_URL;
  const t0 = Date.now();
  if (base) {
    const name = process.argv[3];
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const database = await openPostgres(dbUrlWithName(base, name), 4);
    const p = await openPlatform(loadConfig({ ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: dbUrlWithName(base, name) }), {
      purpose: 'test template',
      log,
      database,
    });
    await p.prepare();
    await p.close();
    fs.writeFileSync(out, name);
  } else {
    const database = await openPglite(undefined);
    const p = await openPlatform(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }), { purpose: 'test template', log, database });
    await p.prepare();
    const blob = await database.pglite!.dumpDataDir('none');
    fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
    await p.close();
  }
  process.stdout.write(`test template ready in ${Date.now() - t0} ms\n`);
}

await main();
