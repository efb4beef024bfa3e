/**
 * When to try a row again. Capped exponential backoff with full jitter (a random wait between 0
 * and the cap), so many rows failing together do not come back together.
 */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Sends per row before it fails for good (rate-limit answers do not count). */
  maxAttempts: number;
  /** Pause of the whole provider on 429/503 without a Retry-After. */
  defaultPauseMs: number;
  /**
   * How long a provider's lists may take to show a mailbox just made (read-after-write lag):
   * a row whose answer was lost is read no sooner, and an address another job just made is
   * taken up by the next job no sooner.
   */
  listLagMs: number;
  /** A row whose outcome stays open this long (reads keep failing) ends `unconfirmed`. */
  unconfirmedAfterMs: number;
  /** Longest wait for 429/503 answers within one read of a whole domain. */
  readWaitBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 500,
  capMs: 30_000,
  maxAttempts: 6,
  defaultPauseMs: 2_000,
  listLagMs: 10_000,
  unconfirmedAfterMs: 15 * 60_000,
  readWaitBudgetMs: 60_000,
};

export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
