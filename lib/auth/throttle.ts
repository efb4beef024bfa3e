import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";

// Sign-in limits, counted in the database so every app process shares them, and counted BEFORE
// the password is checked by one atomic upsert: 30 parallel guesses cannot all pass a limit of
// 10 (a count kept after the check let 23 through).
//
// - per client address: SIGN_IN_ATTEMPTS_PER_MINUTE attempts a minute, whatever the account;
// - per account AND client address: 10 attempts in 15 minutes, cleared by a successful sign-in.
//   Counting the account alone would let anyone lock any admin out; counting it per address
//   keeps the admin able to sign in from their own machine while someone hammers the account.
//
// The address comes from the socket or a trusted proxy (lib/http/forwarded.ts), never from a
// header the client chose.

/** Attempts per account from one client address in the window. */
export const ACCOUNT_ATTEMPT_LIMIT = 10;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
export const CLIENT_WINDOW_MS = 60_000;

export type Admission =
  { ok: true } | { ok: false; scope: "client" | "account"; retryAfterSeconds: number };

const clientKey = (ip: string | null) => `client:${ip ?? "unknown"}`;
export const accountKey = (email: string, ip: string | null) =>
  `account:${email}|${ip ?? "unknown"}`;

/** Counts one attempt under `key`; a window that has ended starts again at 1. Atomic. */
export async function countAttempt(
  db: Db,
  key: string,
  windowMs: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const window = sql`(${windowMs}::int * interval '1 millisecond')`;
  const result = (await db.execute(sql`
    insert into sign_in_throttle as t (key, count, window_started_at)
    values (${key}, 1, now())
    on conflict (key) do update set
      count = case when t.window_started_at <= now() - ${window} then 1 else t.count + 1 end,
      window_started_at = case when t.window_started_at <= now() - ${window}
        then now() else t.window_started_at end
    returning count,
      ceil(extract(epoch from (t.window_started_at + ${window} - now())))::int as "retryAfter"`)) as {
    rows: { count: number; retryAfter: number }[];
  };
  const row = result.rows[0]!;
  return { count: Number(row.count), retryAfterSeconds: Math.max(1, Number(row.retryAfter)) };
}

/** Counts this attempt and says whether it may go on to the password check. */
export async function admitSignIn(
  db: Db,
  attempt: { email: string | null; ip: string | null; perMinute: number },
): Promise<Admission> {
  const client = await countAttempt(db, clientKey(attempt.ip), CLIENT_WINDOW_MS);
  if (client.count > attempt.perMinute) {
    return { ok: false, scope: "client", retryAfterSeconds: client.retryAfterSeconds };
  }
  if (attempt.email) {
    const account = await countAttempt(
      db,
      accountKey(attempt.email, attempt.ip),
      ACCOUNT_WINDOW_MS,
    );
    if (account.count > ACCOUNT_ATTEMPT_LIMIT) {
      return { ok: false, scope: "account", retryAfterSeconds: account.retryAfterSeconds };
    }
  }
  if (Math.random() < 0.02) await forgetOldAttempts(db);
  return { ok: true };
}

/** A successful sign-in clears that account's count at that address. */
export async function clearAccountAttempts(db: Db, email: string, ip: string | null) {
  await db.execute(sql`delete from sign_in_throttle where key = ${accountKey(email, ip)}`);
}

async function forgetOldAttempts(db: Db) {
  await db.execute(
    sql`delete from sign_in_throttle where window_started_at < now() - interval '1 hour'`,
  );
}
