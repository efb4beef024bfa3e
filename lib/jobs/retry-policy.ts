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
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 500,
  capMs: 30_000,
  maxAttempts: 6,
  defaultPauseMs: 2_000,
};

export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
