import type { jobRows, jobs } from "@/lib/db/schema";

// The ledger's records, as the runner and the pages read them.

export type JobRow = typeof jobRows.$inferSelect;
export type Job = typeof jobs.$inferSelect;
/**
 * A row as claimed by the runner (rows.ts): what sending, reading and settling it read, and no
 * more (each column returned is parsed for every claimed row, on the runner's thread).
 */
export const CLAIMED_COLUMNS = [
  "id",
  "jobId",
  "rowNo",
  "state",
  "localPart",
  "address",
  "firstName",
  "lastName",
  "attempts",
  "ambiguousAttempts",
  "ambiguousAt",
  "uncertainSince",
  "absentThenFail",
  "errorCode",
  "errorMessage",
  "errorStatus",
  "providerCode",
  "mailboxId",
  "passwordEnc",
] as const satisfies readonly (keyof JobRow)[];
export type ClaimedRow = Pick<JobRow, (typeof CLAIMED_COLUMNS)[number]>;

export interface Settlement {
  id: number;
  state: "created" | "failed" | "unconfirmed" | "pending" | "unknown" | "check";
  errorCode?: string | null;
  errorMessage?: string | null;
  errorStatus?: number | null;
  providerCode?: string | null;
  mailboxId?: string | null;
  verified?: boolean;
  nextAttemptAt?: Date | null;
  /** -1 gives back the attempt counted at the claim (a rate-limit answer is not an attempt). */
  attemptsDelta?: number;
  /** +1 when the answer to this send was lost. */
  ambiguousDelta?: number;
  /** When the lost answer ended (absent counts only from reads a list's lag later). */
  ambiguousAt?: Date;
  /** Kept from the first time it is given: the row's deadline runs from it. */
  uncertainSince?: Date;
  /** See the column: absent → failed rather than sent again. */
  absentThenFail?: boolean;
  /** The address was read and not there, before our first send. */
  absentBefore?: boolean;
}
