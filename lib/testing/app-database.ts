import type { Database } from "@/lib/db/open";

/**
 * Makes `getDb()` (lib/db/index.ts) answer with a test database, for code that records audit
 * events or reads the database through the app's own handle. Returns the undo.
 */
export function useAsAppDatabase(database: Database): () => void {
  const holder = globalThis as typeof globalThis & { __mailboxDb?: Promise<Database> };
  const before = holder.__mailboxDb;
  holder.__mailboxDb = Promise.resolve(database);
  return () => {
    holder.__mailboxDb = before;
  };
}
