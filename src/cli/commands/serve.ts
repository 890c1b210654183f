import pino from 'pino';
import { loadConfig } from '../../config';
import { startServer, SHUTDOWN_TIMEOUT_MS, type RunningServer } from '../../server';

/**
 * `smartcity serve` (what `npm start` runs). Ctrl-C / SIGTERM stop gracefully and exit 0; a stop
 * that had to cut off stuck requests exits 1; a second signal exits at once.
 */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] });
  // eslint-disable-next-line prefer-const -- assigned once the signal handlers that read it are installed
  let server: RunningServer | undefined;
  let stopRequested: string | undefined;
  let signals = 0;

  const shutdown = (reason: string, code: number) => {
    if (!server) return;
    const s = server;
    // Whatever happens, the process ends: a database close that hangs must not keep it alive.
    setTimeout(() => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    log.info(`${reason}: shutting down (finishing requests, closing the database)…`);
    s.stop().then(
      (clean) => process.exit(clean ? code : 1),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (sig: string) => {
    if (++signals > 1) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    if (!server) {
      // Start-up (migrations) is not interrupted half-way; stop as soon as it is done.
      stopRequested = sig;
      log.info(`${sig}: will stop as soon as start-up finishes (press Ctrl-C again to exit now)`);
      return;
    }
    shutdown(sig, 0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception');
    if (server) shutdown('uncaught exception', 1);
    else process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    // Logged, not fatal: one failed background promise should not take the city's API down.
    log.error({ err }, 'unhandled promise rejection');
  });

  server = await startServer(config, { log });
  log.info(
    `Depok Smart City Platform is ready at ${server.url} (database: ${config.db}${config.db === 'pglite' ? `, data in ${config.DATA_DIR}` : ''})`,
  );
  if (process.stdout.isTTY) process.stdout.write(banner(server.url, config.SEED_DEMO));
  if (stopRequested) shutdown(stopRequested, 0);
}

/** What a person at a terminal needs after `npm start` (logs stay JSON lines for collectors). */
function banner(url: string, demo: boolean): string {
  const lines = ['', `  Depok Smart City Platform — ${url}`, `  API docs: ${url}/api/docs   Health: ${url}/api/health`];
  if (demo) {
    lines.push(
      '  Demo accounts (password Depok2026!): admin@, petugas_rw@, puskesmas@, dinkes@, operator_opd@, wifi_fleet@ … @demo.depok.go.id',
      '  (full list in README.md; turn demo data off with SEED_DEMO=false)',
    );
  }
  lines.push('  Stop with Ctrl-C.', '');
  return `${lines.join('\n')}\n`;
}
