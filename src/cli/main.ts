import { ConfigError } from '../config';
import { DataDirBusyError } from '../db/datadir-lock';
import { AppError } from '../platform/errors';
import { parseArgs, UsageError } from './args';
import { serve } from './commands/serve';
import { importCmd, migrate } from './commands/db';

type Command = (positionals: string[], flags: Record<string, string | true>) => Promise<void>;

// Modules add their commands here (e.g. `simulate`).
const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: () => serve(), help: 'serve                      start the web app and API (what npm start runs)' },
  migrate: { run: () => migrate(), help: 'migrate                    apply migrations and seed a data folder or database' },
  seed: { run: () => migrate(), help: 'seed                       same as migrate (seeding is idempotent)' },
  import: { run: (p) => importCmd(p.slice(1)), help: 'import rw FILE.csv         import a real RW/RT registry (all-or-nothing)' },
};

export function registerCommand(name: string, run: Command, help: string): void {
  COMMANDS[name] = { run, help };
}

function usage(): string {
  return `smartcity — Depok Smart City Platform\n\nCommands:\n${Object.values(COMMANDS)
    .map((c) => `  ${c.help}`)
    .join('\n')}\n\nEnvironment: PORT, HOST, DATA_DIR, DATABASE_URL, MQTT_URL, SEED_DEMO, LOG_LEVEL (see .env.example).\n`;
}

async function main(): Promise<void> {
  await import('./commands/extra');
  const { positionals, flags } = parseArgs(process.argv.slice(2));
  const name = positionals[0];
  if (!name || name === 'help' || flags.help) {
    process.stdout.write(usage());
    return;
  }
  const cmd = COMMANDS[name];
  if (!cmd) throw new UsageError(`Unknown command "${name}".\n\n${usage()}`);
  await cmd.run(positionals, flags);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof DataDirBusyError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof AppError) {
    process.stderr.write(`${err.message}\n${(err.details ?? []).map((d) => `  ${d.path ? `${d.path}: ` : ''}${d.message}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
