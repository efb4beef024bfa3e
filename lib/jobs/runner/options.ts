import type { Logger } from "pino";
import type { Db } from "@/lib/db/open";
import type { MailProvider } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";

export interface RunnerOptions {
  /** Requests in flight per provider in this process (Z.com: rows; Hybridbox: bulk requests). */
  concurrency: Record<ProviderId, number>;
  policy: RetryPolicy;
  /** A claim whose runner has not beaten for this long is taken back. */
  leaseMs: number;
  /** Embedded database: this is the only process, so every older claim is stale at start. */
  exclusive: boolean;
  idleMs: number;
  verifyBatch: number;
  /** Rows claimed ahead per free slot, so the database is asked once per batch, not per row. */
  prefetch: number;
  /**
   * Settlements are written together, at most this long after the answer came (a job's last
   * answers at once).
   */
  flushMs: number;
  /** A submission whose parts stop arriving for this long is cancelled. */
  receivingTimeoutMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  concurrency: { zcom: 4, hybridbox: 2 },
  policy: DEFAULT_RETRY_POLICY,
  leaseMs: 15_000,
  exclusive: true,
  idleMs: 250,
  verifyBatch: 5_000,
  prefetch: 4,
  flushMs: 100,
  receivingTimeoutMs: 30 * 60_000,
};

export interface RunnerDeps {
  db: Db;
  providers: Partial<Record<ProviderId, MailProvider>>;
  key: Uint8Array;
  log: Logger;
  options?: Partial<RunnerOptions>;
}
