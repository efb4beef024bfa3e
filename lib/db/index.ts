import "server-only";
import { env } from "@/lib/env";
import { openDatabase, type Database, type Db } from "./open";

// One connection per server process, kept across dev-mode module reloads.
const holder = globalThis as typeof globalThis & { __mailboxDb?: Promise<Database> };

/** The migrated database; the first call opens it (instrumentation.ts makes that happen at start). */
export function database(): Promise<Database> {
  holder.__mailboxDb ??= openDatabase(env().database).catch((error: unknown) => {
    holder.__mailboxDb = undefined;
    throw error;
  });
  return holder.__mailboxDb;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

export type { Db };
