#!/usr/bin/env node
// The test command (`npm test`): builds a migrated+seeded template database once, then runs every
// test file with node's test runner, each file on its own copy of the template. On PostgreSQL
// (DATABASE_URL set) each run works in databases of its own and drops them afterwards. Browser
// tests (e2e/) run when Chromium is installed; E2E_REQUIRED=1 (set by .ci/run) makes a missing
// browser a failure instead of a skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e-only');
const noE2e = args.includes('--no-e2e');
const only = args.filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') walk(p, out);
    else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const haveBrowser = fs.existsSync(chromium);
const e2eRequired = process.env.E2E_REQUIRED === '1' || process.env.E2E_REQUIRED === 'true';

let unit = e2eOnly ? [] : [...walk('src'), ...walk('test')];
let e2e = noE2e ? [] : walk('e2e');
if (only.length) {
  unit = unit.filter((f) => only.some((o) => f.includes(o)));
  e2e = e2e.filter((f) => only.some((o) => f.includes(o)));
}
if (e2e.length && !haveBrowser) {
  if (e2eRequired) {
    console.error(`Browser tests need Chromium at ${chromium} (apt-get install -y chromium); E2E_REQUIRED is set, so this is a failure.`);
    process.exit(1);
  }
  console.log(
    `NOTE: ${e2e.length} browser test file(s) skipped: Chromium not found at ${chromium} (apt-get install -y chromium to run them).`,
  );
  e2e = [];
}

const runId = randomBytes(4).toString('hex');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-test-'));
const templateFile = path.join(tmp, process.env.DATABASE_URL ? 'template.name' : 'template.tar');
// WIFI_DEMO_FEED=false: the live Wi-Fi demo feed would add heartbeats and alerts on its own under
// the tests' feet (servers started by browser tests included); tests that need it drive it themselves.
const env = { ...process.env, TEST_TEMPLATE: templateFile, TEST_RUN_ID: runId, NODE_ENV: 'test', WIFI_DEMO_FEED: 'false' };
const backend = process.env.DATABASE_URL ? `PostgreSQL (${process.env.DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')})` : 'PGlite';
console.log(`Test backend: ${backend}`);

const pgTemplateName = process.env.DATABASE_URL ? `${new URL(process.env.DATABASE_URL).pathname.slice(1)}_tmpl_${runId}` : '';
let status = 0;
try {
  const t = spawnSync(process.execPath, ['--import', 'tsx', 'test/template.ts', templateFile, pgTemplateName], { stdio: 'inherit', env });
  if (t.status !== 0) throw new Error('could not build the test template database');

  if (e2e.length) {
    // A build per run (not web/dist), so a running server or a concurrent run keeps its files.
    env.WEB_DIST = path.join(tmp, 'web-dist');
    const b = spawnSync(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--config',
        'web/vite.config.ts',
        '--outDir',
        env.WEB_DIST,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { stdio: 'inherit', env },
    );
    if (b.status !== 0) throw new Error('the web build failed');
  }
  const files = [...unit, ...e2e];
  if (!files.length) {
    console.log('No test files matched.');
  } else {
    const concurrency = process.env.TEST_CONCURRENCY || String(Math.max(2, os.availableParallelism()));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
      { stdio: 'inherit', env },
    );
    status = r.status ?? 1;
  }
} catch (err) {
  console.error(String(err.message ?? err));
  status = 1;
} finally {
  if (process.env.DATABASE_URL) {
    // Drop this run's template and any per-file database a crashed file left behind.
    spawnSync(process.execPath, ['--import', 'tsx', 'test/cleanup-pg.ts', pgTemplateName], { stdio: 'inherit', env });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);
