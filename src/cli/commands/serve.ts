import { loadConfig } from '../../config';
import { startServer } from '../../server';

export async function serve(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  server.app.log.info(`Depok Smart City Platform is ready at ${server.url} (database: ${config.db}${config.db === 'pglite' ? `, data in ${config.DATA_DIR}` : ''})`);
  let signals = 0;
  const onSignal = (sig: string) => {
    if (++signals > 1) {
      server.app.log.warn('second signal: exiting now');
      process.exit(1);
    }
    server.app.log.info(`${sig}: shutting down (finishing requests, closing the database)…`);
    server.stop().then(
      () => process.exit(0),
      (err) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
