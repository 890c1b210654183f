import pg from 'pg';

// Drops this run's template database and any per-file database of this run that a crashed test
// file left behind. Other runs (concurrent developers, CI) are never touched.
const base = process.env.DATABASE_URL!;
const tmpl = process.argv[2];
const runId = process.env.TEST_RUN_ID!;
const dbname = new URL(base).pathname.slice(1);
const c = new pg.Client({ connectionString: base });
await c.connect();
if (tmpl) await c.query(`DROP DATABASE IF EXISTS "${tmpl}" WITH (FORCE)`);
const left = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${dbname}\\_t\\_${runId}\\_%`]);
for (const r of left.rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
await c.end();
