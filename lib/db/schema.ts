/**
 * The one schema for PGlite and PostgreSQL. Change a table in lib/db/tables/, then
 * `npm run db:generate` writes the next SQL migration into lib/db/migrations (applied at
 * start-up by lib/db/open.ts).
 */
export * from "./tables/auth";
export * from "./tables/audit";
export * from "./tables/meta";
export * from "./tables/jobs";
