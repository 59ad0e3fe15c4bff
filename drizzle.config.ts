import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the Drizzle schema (npm run db:generate).
// Migrations are committed and forward-only; they run on PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
});
