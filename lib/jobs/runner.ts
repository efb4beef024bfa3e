import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Db } from "@/lib/db/open";
import { ProviderError } from "@/lib/providers/errors";
import type { MailProvider, ProviderId } from "@/lib/providers/types";
import {
  addEvent,
  claimPreflight,
  claimRows,
  failLeftovers,
  finishDoneJobs,
  heartbeat,
  pauseProvider,
  pausedUntil,
  purgePasswords,
  reclaimStale,
  registerRunner,
  releasePreflight,
  settle,
  startJob,
  stopJob,
  type Job,
  type JobRow,
} from "./ledger";
import { linkCreators, promoteWaiting, pruneHolds } from "./holds";
import { preflight } from "./preflight";
import {
  cancelStalledSubmissions,
  jobsWithWaitingRows,
  markPreflightFailing,
} from "./housekeeping";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { sendRows, verifyRows, type WorkResult } from "./work";

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
  /** Settlements are written together, at most this long after the answer came. */
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
  flushMs: 25,
  receivingTimeoutMs: 30 * 60_000,
};

interface Unit {
  kind: "send" | "verify";
  job: Job;
  rows: JobRow[];
}

interface Pending {
  job: Job;
  rows: JobRow[];
  kind: "send" | "verify";
  result: WorkResult;
}

export interface RunnerDeps {
  db: Db;
  providers: Partial<Record<ProviderId, MailProvider>>;
  key: Uint8Array;
  log: Logger;
  options?: Partial<RunnerOptions>;
}

/**
 * Works the ledger: claims due rows, sends them, settles every row from the provider's answer,
 * and is the only place anything is retried. Any number of runners may share one PostgreSQL;
 * a row is claimed by one of them only.
 */
export class JobRunner {
  /** A new id after a lost lease: nothing claimed under the old one may be sent or settled. */
  id = randomUUID();
  private readonly options: RunnerOptions;
  private readonly inflight: Record<ProviderId, number> = { zcom: 0, hybridbox: 0 };
  /** Claimed send units not yet sent (claimed ahead to spare the database). */
  private readonly queued: Record<ProviderId, Unit[]> = { zcom: [], hybridbox: [] };
  private settleBuffer: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly tasks = new Set<Promise<void>>();
  private stopping = false;
  private preflightBusy = false;
  private wakeUp: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private pauses = new Map<string, Date>();
  private pausesReadAt = 0;
  /** performance.now() until which this runner's claims are surely still its own. */
  private leaseValidUntil = 0;
  private beating: Promise<boolean> | null = null;

  constructor(private readonly deps: RunnerDeps) {
    this.options = { ...DEFAULT_RUNNER_OPTIONS, ...deps.options };
  }

  async start(): Promise<void> {
    const { db } = this.deps;
    const { leaseMs, policy } = this.options;
    await this.register();
    if (this.options.exclusive) await this.reclaim(this.id);
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const timer = setInterval(
        () =>
          void fn().catch((err: unknown) =>
            this.deps.log.error({ err }, "runner housekeeping failed"),
          ),
        ms,
      );
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(250, leaseMs / 5), () => this.beat());
    if (!this.options.exclusive) every(Math.max(1_000, leaseMs / 3), () => this.reclaim());
    every(500, async () => {
      if ((await finishDoneJobs(db)).length > 0) this.wake();
    });
    every(1_000, async () => {
      const waiting = await jobsWithWaitingRows(db);
      if (waiting.length === 0) return;
      if ((await promoteWaiting(db, this.deps.key, waiting, policy.listLagMs)) > 0) this.wake();
    });
    every(60_000, async () => {
      await purgePasswords(db);
      await pruneHolds(db, policy.listLagMs);
    });
    every(Math.min(60_000, this.options.receivingTimeoutMs / 4), () =>
      cancelStalledSubmissions(db, this.options.receivingTimeoutMs),
    );
    this.deps.log.info(
      { runner: this.id, concurrency: this.options.concurrency },
      "job runner started",
    );
    this.loopDone = this.loop();
  }

  private async register() {
    const started = performance.now();
    await registerRunner(this.deps.db, this.id, hostname(), process.pid);
    this.leaseValidUntil = started + this.options.leaseMs * 0.8;
  }

  /**
   * Extends the lease. The database stamps the heartbeat after the request left, so the lease
   * surely lasts until `leaseMs` after the request was made (others wait `leaseMs` from the
   * stamp). When the runner row is gone, another process took our claims back: drop everything
   * claimed and carry on under a new id.
   */
  private beat(): Promise<boolean> {
    this.beating ??= (async () => {
      const started = performance.now();
      try {
        if (await heartbeat(this.deps.db, this.id)) {
          this.leaseValidUntil = started + this.options.leaseMs * 0.8;
          return true;
        }
        await this.leaseLost();
        return false;
      } finally {
        this.beating = null;
      }
    })();
    return this.beating;
  }

  private async leaseLost() {
    const dropped = (Object.values(this.queued) as Unit[][]).reduce(
      (n, units) => n + units.splice(0).length,
      0,
    );
    this.settleBuffer = [];
    const old = this.id;
    this.id = randomUUID();
    this.deps.log.warn(
      { runner: old, newId: this.id, droppedUnits: dropped },
      "this runner's lease was taken over (it was paused or cut off); its claims were dropped and it continues under a new id",
    );
    await this.register();
  }

  /** True while this runner's claims are surely its own; asks the database when in doubt. */
  private async holdsLease(): Promise<boolean> {
    if (performance.now() < this.leaseValidUntil) return true;
    return this.beat();
  }

  /** Stops claiming, lets the requests in flight finish and settle, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.tasks]);
    // Claimed but never sent: back to pending, the attempt not counted.
    const unsent = (Object.values(this.queued) as Unit[][]).flatMap((units) => units.splice(0));
    await settle(
      this.deps.db,
      this.id,
      unsent.flatMap((u) =>
        u.rows.map((row) => ({ id: row.id, state: "pending" as const, attemptsDelta: -1 })),
      ),
    );
    await this.flush();
  }

  /** Something changed (a job was queued, a slot freed): look for work now. */
  wake(): void {
    this.wakeUp?.();
  }

  private async reclaim(onlyAlive?: string) {
    const taken = await reclaimStale(
      this.deps.db,
      this.options.leaseMs,
      this.options.policy.listLagMs,
      onlyAlive,
    );
    if (taken.rows > 0 || taken.jobs > 0) {
      this.deps.log.warn(
        taken,
        "took back claims of a runner that stopped; those rows are checked before any resend",
      );
      this.wake();
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.fill();
      } catch (err) {
        this.deps.log.error({ err }, "job runner tick failed");
      }
      if (this.stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.idleMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  private async fill(): Promise<void> {
    const { db } = this.deps;
    if (!this.preflightBusy) {
      const job = await claimPreflight(db, this.id);
      if (job)
        this.track(
          this.runPreflight(job),
          () => (this.preflightBusy = false),
          () => (this.preflightBusy = true),
        );
    }
    const pauses = await this.currentPauses();
    for (const [id, provider] of Object.entries(this.deps.providers) as [
      ProviderId,
      MailProvider,
    ][]) {
      while (!this.stopping && this.inflight[id] < this.options.concurrency[id]) {
        if ((pauses.get(id)?.getTime() ?? 0) > Date.now()) break;
        const unit = this.queued[id].shift() ?? (await this.claim(id, provider));
        if (!unit) break;
        this.inflight[id] += 1;
        this.track(this.process(id, provider, unit), () => (this.inflight[id] -= 1));
      }
    }
  }

  /**
   * The next unit of work. Rows whose answer was lost are read before anything else is sent;
   * sends are claimed a few units ahead (one query for several requests).
   */
  private async claim(id: ProviderId, provider: MailProvider): Promise<Unit | undefined> {
    const { db } = this.deps;
    const verify = await claimRows(db, this.id, id, "verify", this.options.verifyBatch);
    if (verify) return { kind: "verify", ...verify };
    const size = provider.capabilities.bulkMax;
    const free = this.options.concurrency[id] - this.inflight[id];
    const claimed = await claimRows(
      db,
      this.id,
      id,
      "send",
      size * Math.max(1, free) * this.options.prefetch,
    );
    if (!claimed) return undefined;
    for (let i = 0; i < claimed.rows.length; i += size) {
      this.queued[id].push({
        kind: "send",
        job: claimed.job,
        rows: claimed.rows.slice(i, i + size),
      });
    }
    return this.queued[id].shift();
  }

  private track(task: Promise<void>, done: () => void, begin?: () => void) {
    begin?.();
    const tracked = task
      .catch((err: unknown) => this.deps.log.error({ err }, "job runner task failed"))
      .finally(() => {
        done();
        this.tasks.delete(tracked);
        this.wake();
      });
    this.tasks.add(tracked);
  }

  private async currentPauses() {
    if (Date.now() - this.pausesReadAt > 200) {
      this.pauses = await pausedUntil(this.deps.db);
      this.pausesReadAt = Date.now();
    }
    return this.pauses;
  }

  private async process(id: ProviderId, provider: MailProvider, unit: Unit) {
    const { db, log } = this.deps;
    const { kind, job, rows } = unit;
    const claimedAs = this.id;
    // Fencing: a runner that was paused past its lease must not send what another runner took
    // back (and may be sending itself).
    if (!(await this.holdsLease()) || claimedAs !== this.id) {
      log.warn(
        { job: job.id, rows: rows.length, kind },
        "not sent: claimed under a lease this runner has lost",
      );
      return;
    }
    const ctx = { provider, key: this.deps.key, policy: this.options.policy, now: Date.now };
    const bulkBefore = provider.capabilities.bulkMax;
    let result: WorkResult;
    try {
      result = kind === "send" ? await sendRows(ctx, job, rows) : await verifyRows(ctx, job, rows);
    } catch (err) {
      // Our own failure (not the provider's answer): whatever was sent may have been applied, so
      // every row is read before anything else happens to it.
      log.error({ err, job: job.id, kind }, "processing a claim failed; its rows will be checked");
      const retryAt = new Date(Date.now() + this.options.policy.capMs);
      result = {
        settlements: rows.map((row) => ({
          id: row.id,
          state: "unknown" as const,
          ambiguousDelta: kind === "send" ? 1 : 0,
          attemptsDelta: kind === "verify" ? 1 : 0,
          nextAttemptAt: retryAt,
          errorCode: "internal_error",
          errorMessage:
            "The console failed while handling this row; it is checked before any resend.",
        })),
        summary: { internalError: rows.length },
      };
    }
    if (provider.capabilities.bulkMax < bulkBefore) {
      await addEvent(db, job.id, "bulk_size_lowered", this.id, {
        from: bulkBefore,
        to: provider.capabilities.bulkMax,
        reason: "the provider refused a request as too large; nothing in it was created",
      });
    }
    if (claimedAs !== this.id) return; // the lease was lost while the request was out
    if (result.pause) {
      const until = new Date(result.pause.untilMs);
      this.pauses.set(id, until);
      // Claimed ahead but not sent: wait with the rest; they go out when the pause ends.
      await pauseProvider(db, id, until, result.pause.reason);
      await addEvent(db, job.id, "provider_paused", this.id, {
        until: until.toISOString(),
        reason: result.pause.reason,
      });
    }
    if (result.stop) {
      await this.flush();
      await settle(db, this.id, result.settlements);
      await this.releaseQueued(job.id);
      await stopJob(db, job.id, result.stop.code, result.stop.message);
      log.warn(
        { job: job.id, code: result.stop.code },
        "job stopped: the provider refused our credentials",
      );
      return;
    }
    this.settleBuffer.push({ job, rows, kind, result });
    if (this.settleBuffer.length >= 64) await this.flush();
    else this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushMs);
  }

  /** Queued units of a stopped job go back to pending (never sent), then fail with the job. */
  private async releaseQueued(jobId: string) {
    for (const id of Object.keys(this.queued) as ProviderId[]) {
      const mine = this.queued[id].filter((u) => u.job.id === jobId);
      this.queued[id] = this.queued[id].filter((u) => u.job.id !== jobId);
      await settle(
        this.deps.db,
        this.id,
        mine.flatMap((u) =>
          u.rows.map((row) => ({ id: row.id, state: "pending" as const, attemptsDelta: -1 })),
        ),
      );
    }
  }

  /** Writes buffered settlements in one statement, and one event per job. */
  private async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flushing;
    const batch = this.settleBuffer.splice(0);
    if (batch.length === 0) return;
    this.flushing = (async () => {
      const { db } = this.deps;
      await settle(
        db,
        this.id,
        batch.flatMap((p) => p.result.settlements),
      );
      const byJob = new Map<string, Pending[]>();
      for (const p of batch) byJob.set(p.job.id, [...(byJob.get(p.job.id) ?? []), p]);
      for (const [jobId, items] of byJob) {
        const summary: Record<string, number> = {};
        const notCreated: number[] = [];
        for (const { result, rows } of items) {
          for (const s of result.settlements) {
            summary[s.state] = (summary[s.state] ?? 0) + 1;
            if (s.state !== "created")
              notCreated.push(rows.find((r) => r.id === s.id)?.rowNo ?? -1);
          }
        }
        const kinds = [...new Set(items.map((i) => i.kind))].join("+");
        await addEvent(
          db,
          jobId,
          kinds === "send" ? "sent" : kinds === "verify" ? "verified" : "settled",
          this.id,
          {
            requests: items.length,
            ...summary,
            ...(notCreated.length > 0 ? { notCreated: notCreated.slice(0, 100) } : {}),
          },
        );
        // Another slot may have stopped the job while these requests were out.
        if (summary.pending || summary.unknown || summary.check) await failLeftovers(db, jobId);
        if (summary.failed) await linkCreators(db, jobId);
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async runPreflight(job: Job) {
    const { db, log } = this.deps;
    const { policy } = this.options;
    const provider = this.deps.providers[job.provider];
    if (!provider) {
      await stopJob(
        db,
        job.id,
        "not_configured",
        `The ${job.provider} provider is not configured on this server.`,
      );
      return;
    }
    try {
      const found = await preflight(db, this.deps.key, provider, job, policy);
      await startJob(db, job.id, this.id);
      await addEvent(db, job.id, "started", this.id, { ...found });
    } catch (error) {
      const failure = error instanceof ProviderError ? error.failure : undefined;
      if (failure && failure.errorClass === "final") {
        await stopJob(db, job.id, failure.code, `reading the domain failed: ${failure.message}`);
        return;
      }
      const since = await markPreflightFailing(db, job.id);
      if (Date.now() - since.getTime() >= policy.unconfirmedAfterMs) {
        // Reads are safe to repeat, but not for ever: nothing was sent, so nothing is lost.
        await stopJob(
          db,
          job.id,
          failure?.code ?? "unavailable",
          `the domain could not be read before sending (${failure?.message ?? String(error)}).`,
        );
        return;
      }
      if (failure?.code === "rate_limited" || failure?.code === "unavailable") {
        const until = new Date(Date.now() + (failure.retryAfterMs ?? policy.defaultPauseMs));
        await pauseProvider(db, job.provider, until, failure.message);
      }
      log.warn(
        { job: job.id, err: failure?.message ?? String(error) },
        "preflight read failed; it will be tried again",
      );
      await releasePreflight(db, job.id, this.id);
      await new Promise((r) => setTimeout(r, policy.baseMs));
    }
  }
}
