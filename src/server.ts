import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { openPostgres } from './db/client';
import { openPlatform, type Platform } from './platform/boot';
import type { Readiness } from './platform/http/health.routes';

/** Builds the web app when there is no build yet (first `npm start` on a fresh clone). */
export function ensureWebBuild(config: Config, log: pino.Logger): void {
  if (fs.existsSync(path.join(config.WEB_DIST, 'index.html'))) return;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  if (!fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) return;
  log.info('building the web app (first start)…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) log.warn('the web build failed; the API still runs (see the output above)');
}

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  url: string;
  /**
   * Graceful stop: refuse new requests, let in-flight ones finish (at most `timeoutMs`, then their
   * connections are cut), stop jobs and subscriptions, close the database. Resolves to false when
   * it had to force.
   */
  stop(timeoutMs?: number): Promise<boolean>;
}

/** How long a graceful stop waits for in-flight requests before cutting them off. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Start-up: config → database → app → listen → migrate/seed → ready. Listening before migrating
 * lets /api/health answer and /api/ready say 503 while migrations run.
 */
export async function startServer(config: Config, opts: { log?: pino.Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  ensureWebBuild(config, log);
  const readiness: Readiness = { ready: false, phase: 'starting' };
  // PostgreSQL is opened here (not in openPlatform) so dropped connections get logged.
  const database = config.DATABASE_URL
    ? await openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE, {
        onError: (err, where) =>
          log.warn(
            { err: { message: err.message, code: (err as { code?: string }).code }, where },
            'database connection lost; reconnecting',
          ),
      })
    : undefined;
  let platform: Platform;
  try {
    platform = await openPlatform(config, { purpose: `smartcity serve on port ${config.PORT}`, log, database });
  } catch (err) {
    await database?.close().catch(() => undefined);
    throw err;
  }
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(platform.ctx, { readiness });
    await app.listen({ port: config.PORT, host: config.HOST });
    await platform.prepare((phase) => (readiness.phase = phase));
    await platform.startBackground();
  } catch (err) {
    await app?.close().catch(() => undefined);
    await platform.close().catch(() => undefined);
    throw err;
  }
  readiness.ready = true;
  readiness.phase = 'ready';
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const server = app;

  let stopping: Promise<boolean> | undefined;
  return {
    app,
    platform,
    url,
    stop(timeoutMs = SHUTDOWN_TIMEOUT_MS) {
      stopping ??= (async () => {
        readiness.ready = false;
        readiness.phase = 'shutting_down';
        let timer: NodeJS.Timeout | undefined;
        // close() only drops connections idle at that moment; a keep-alive connection whose request
        // finishes later would hold shutdown open, so idle ones are closed again as they appear.
        const sweep = setInterval(() => server.server.closeIdleConnections(), 100);
        const forced = await Promise.race([
          server.close().then(() => false), // stops accepting, waits for in-flight requests
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
        ]);
        clearTimeout(timer);
        clearInterval(sweep);
        if (forced) {
          log.warn(`requests still running after ${timeoutMs} ms; closing their connections`);
          server.server.closeAllConnections();
        }
        await platform.close(); // jobs, subscriptions, then the database (PGlite closes its files cleanly)
        return !forced;
      })();
      return stopping;
    },
  };
}
