import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { openPlatform, type Platform } from './platform/boot';
import type { Readiness } from './platform/http/health.routes';

/** Builds the web app when there is no build yet (first `npm start` on a fresh clone). */
export function ensureWebBuild(config: Config, log: pino.Logger): void {
  if (fs.existsSync(path.join(config.WEB_DIST, 'index.html'))) return;
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  if (!fs.existsSync(path.join(root, 'web', 'vite.config.ts'))) return;
  log.info('building the web app (first start)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) log.warn('the web build failed; the API still runs (see the output above)');
}

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  url: string;
  stop(): Promise<void>;
}

/**
 * Start-up: config → database → app → listen → migrate/seed → ready. Listening before migrating
 * lets /api/health answer and /api/ready say 503 while migrations run.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  ensureWebBuild(config, log);
  const readiness: Readiness = { ready: false, phase: 'starting' };
  const platform = await openPlatform(config, { purpose: `smartcity serve on port ${config.PORT}`, log });
  let app: FastifyInstance;
  try {
    app = await buildApp(platform.ctx, { readiness });
    await app.listen({ port: config.PORT, host: config.HOST });
    await platform.prepare((phase) => (readiness.phase = phase));
    await platform.startBackground();
  } catch (err) {
    await platform.close().catch(() => undefined);
    throw err;
  }
  readiness.ready = true;
  readiness.phase = 'ready';
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;

  let stopping: Promise<void> | undefined;
  return {
    app,
    platform,
    url,
    stop() {
      stopping ??= (async () => {
        readiness.ready = false;
        readiness.phase = 'shutting_down';
        await app.close(); // stops accepting, waits for in-flight requests
        await platform.close(); // jobs, subscriptions, then the database (PGlite closes its files cleanly)
      })();
      return stopping;
    },
  };
}
