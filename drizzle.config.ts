import { defineConfig } from "drizzle-kit";

// One schema, one set of SQL migrations, applied at start-up to PGlite or PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
