// Helpers for the platform tests: app instances listening on real ports, an SSE client, and a
// spawned `smartcity serve` process.
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openPostgres, type Database } from '../../src/db/client';
import { openPlatform, type Platform } from '../../src/platform/boot';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface Instance {
  app: FastifyInstance;
  platform: Platform;
  database: Database;
  url: string;
  close(): Promise<void>;
}

/** One more app instance (own pool, own bus, own job runner) on an existing PostgreSQL database. */
export async function startInstance(database: Database, databaseUrl?: string): Promise<Instance> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const platform = await openPlatform(config, { purpose: 'test', log: pino({ level: 'silent' }), database });
  await platform.prepare();
  const app = await buildApp(platform.ctx, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    app,
    platform,
    database,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}

/** A second instance on the same PostgreSQL database as `url`. */
export async function startPgInstance(url: string): Promise<Instance> {
  return startInstance(await openPostgres(url, 4), url);
}

export interface SseEvent {
  event?: string;
  id?: string;
  data?: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  /** Resolves with the first event (already received or future) matching `pred`. */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  waitForComment(pred: (c: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
  closed: Promise<void>;
}

/** Connects to an SSE endpoint and parses the stream (resolves once headers arrive). */
export function connectSse(url: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const e: SseEvent = {};
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const m = /^(\w+): ?(.*)$/.exec(line);
              if (m && (m[1] === 'event' || m[1] === 'id' || m[1] === 'data')) {
                e[m[1]] = m[1] === 'data' && e.data !== undefined ? `${e.data}\n${m[2]}` : m[2];
                isEvent = true;
              }
            }
          }
          if (isEvent) events.push(e);
          for (const w of waiters) w();
        }
      });
      const closed = new Promise<void>((r) => res.on('close', () => r()));
      const waitGeneric = <T>(find: () => T | undefined, what: string, timeoutMs: number) =>
        new Promise<T>((ok, fail) => {
          const check = () => {
            const v = find();
            if (v === undefined) return;
            waiters.delete(check);
            clearTimeout(t);
            ok(v);
          };
          const t = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out waiting for ${what}; got events ${JSON.stringify(events)} comments ${JSON.stringify(comments)}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        waitFor: (pred, timeoutMs = 5000) => waitGeneric(() => events.find(pred), 'an event', timeoutMs),
        waitForComment: (pred, timeoutMs = 5000) => waitGeneric(() => comments.find(pred), 'a comment', timeoutMs),
        close: () => req.destroy(),
        closed,
      });
    });
    req.on('error', reject);
  });
}

export async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Spawned {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A folder with a stub web build, so `serve` never starts a real (slow) web build in tests. */
export function stubWebDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-webstub-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>stub</title>');
  return dir;
}

/** Runs `node bin/smartcity.js <args>` with the given environment (not waiting for it). */
export function spawnCli(args: string[], env: Record<string, string | undefined>, port = 0): Spawned {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/smartcity.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'debug', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  return { child, url: '', output: () => out, exited };
}

/** Starts `smartcity serve` and waits for /api/ready to answer 200 (PORT=0 → the port from its log). */
export async function spawnServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Spawned> {
  const s = spawnCli(['serve'], env, 0);
  const t0 = Date.now();
  let url = '';
  let exit: { code: number | null } | undefined;
  void s.exited.then((e) => (exit = e));
  while (!url) {
    if (exit) throw new Error(`serve exited (${exit.code}) before listening:\n${s.output()}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`serve did not listen in time:\n${s.output()}`);
    const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(s.output());
    if (m) url = m[1];
    else await new Promise((r) => setTimeout(r, 25));
  }
  while (true) {
    if (exit) throw new Error(`serve exited (${exit.code}) before ready:\n${s.output()}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`serve did not become ready in time:\n${s.output()}`);
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { ...s, url };
}

export interface PreparedBackend {
  /** Environment for `smartcity serve` on this data (DATA_DIR or DATABASE_URL, stub web build). */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  dataDir?: string;
  databaseUrl?: string;
  adminToken: string;
  /** Runs fn on the data while no server holds it (PGlite: opens the folder; PostgreSQL: a pool). */
  withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

/**
 * A migrated + seeded database for spawned servers (from the run's template, so it is fast) with an
 * admin user and an API token. PGlite: a fresh DATA_DIR folder; PostgreSQL: a fresh database.
 */
export async function prepareBackend(): Promise<PreparedBackend> {
  const { createTestDatabase } = await import('../helpers');
  const webDist = stubWebDist();
  let database: Database;
  let dataDir: string | undefined;
  let url: string | undefined;
  let drop = async () => undefined as void;
  if (process.env.DATABASE_URL) {
    const t = await createTestDatabase();
    database = t.database;
    url = t.url!;
    drop = t.drop;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartcity-data-'));
    const template = process.env.TEST_TEMPLATE;
    const blob = template && fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined;
    const { openPglite } = await import('../../src/db/client');
    database = await openPglite(path.join(dataDir, 'pgdata'), blob);
  }
  const env: Record<string, string> = { WEB_DIST: webDist, ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir!, DATABASE_URL: '' }) };
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
  const platform = await openPlatform(config, { purpose: 'test prepare', log: pino({ level: 'silent' }), database });
  await platform.prepare();
  const email = `admin-${Date.now()}@test.depok.go.id`;
  await platform.ctx.services.identity.createUser({ email, password: 'Test-pw-2026!', role: 'admin', scope: null });
  const { token } = await platform.ctx.services.identity.createToken(email, 'durability test');
  await platform.close();
  const open = async () => (url ? openPostgres(url, 2) : (await import('../../src/db/client')).openPglite(path.join(dataDir!, 'pgdata')));
  return {
    env,
    kind: url ? 'postgres' : 'pglite',
    dataDir,
    databaseUrl: url,
    adminToken: token,
    async withDatabase(fn) {
      const db = await open();
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    async cleanup() {
      await drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(webDist, { recursive: true, force: true });
    },
  };
}
