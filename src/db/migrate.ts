import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './client';
import { LOCKS } from './locks';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Applies the committed SQL migrations. On PostgreSQL it holds an advisory lock on its own
 * connection: several instances starting at once on an empty database otherwise race inside
 * drizzle's migrator (duplicate pg_type rows).
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  await database.withLock(LOCKS.migrate, async (db) => {
    await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_DIR });
  });
}
