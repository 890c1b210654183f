import { pgTable, text, integer, timestamp, primaryKey } from 'drizzle-orm/pg-core';

/** Which seed steps ran on this database (name + version), so starts after the first are no-ops. */
export const seedRuns = pgTable(
  'seed_runs',
  {
    name: text('name').notNull(),
    version: integer('version').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.name, t.version] })],
);
