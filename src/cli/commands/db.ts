import fs from 'node:fs';
import { withPlatform } from '../platform-command';
import { UsageError } from '../args';

export async function migrate(): Promise<void> {
  await withPlatform('smartcity migrate', async () => {
    process.stdout.write('Database migrated and seeded.\n');
  });
}

export async function importCmd(positionals: string[]): Promise<void> {
  const [what, file] = positionals;
  if (what !== 'rw' || !file) throw new UsageError('usage: smartcity import rw FILE.csv');
  if (!fs.existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  await withPlatform('smartcity import', async (p) => {
    const r = await p.ctx.services.wilayah.importRwCsv(null, text);
    process.stdout.write(`Imported ${r.rw} RW and ${r.rt} RT in ${r.kelurahan} kelurahan (${r.removed_rw} estimated RW replaced).\n`);
  });
}
