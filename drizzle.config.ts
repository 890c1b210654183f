import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the one pg-core schema and committed; the app applies them at
// start-up (src/db/migrate.ts), so drizzle-kit is only a development tool here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
});
