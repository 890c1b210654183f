// Small pieces every benchmark needs: a free port, a database of its own, and merging its figures
// into bench/results/<name>.json under the backend it ran on.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Writes `result` under `backend` in bench/results/<name>.json, keeping the other backend's figures. */
export function writeResult(name: string, backend: string, result: unknown): void {
  const out = path.join(ROOT, `bench/results/${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const prev = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(out, `${JSON.stringify({ ...prev, [backend]: result }, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)} (${backend})`);
}

export interface BenchBackend {
  backend: 'pglite' | 'postgres';
  /** DATABASE_URL of the server the bench was pointed at (its own database is made inside it). */
  base?: string;
  dbName?: string;
  dataDir: string;
  /** Environment for the server under test: DATA_DIR, and DATABASE_URL / WEB_DIST when needed. */
  env: Record<string, string>;
}

/**
 * A fresh place for the server under test: a temp DATA_DIR (PGlite) or, with DATABASE_URL, a new
 * database of its own. The real web build is used when there is one; otherwise a stub, so cold
 * start measures the server and not a first-time `vite build`.
 */
export async function prepareBackend(tag: string): Promise<BenchBackend> {
  const base = process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `smartcity-${tag}-`));
  // WIFI_DEMO_FEED=false: the live Wi-Fi demo feed would write heartbeats while the benchmark measures.
  const env: Record<string, string> = { DATA_DIR: dataDir, WIFI_DEMO_FEED: 'false' };
  let dbName: string | undefined;
  if (base) {
    dbName = `${new URL(base).pathname.slice(1)}_${tag.replace(/\W/g, '')}_${randomBytes(3).toString('hex')}`;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) {
    const stub = path.join(dataDir, 'web-stub');
    fs.mkdirSync(stub);
    fs.writeFileSync(path.join(stub, 'index.html'), '<!doctype html><title>stub</title>');
    env.WEB_DIST = stub;
  }
  return { backend: base ? 'postgres' : 'pglite', base, dbName, dataDir, env };
}

/** Runs a `smartcity` CLI command with extra env; its trimmed stdout, or an error with its stderr. */
export function cli(env: Record<string, string>, args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`smartcity ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout.trim();
}
