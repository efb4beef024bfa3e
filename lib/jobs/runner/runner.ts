import "server-only";
import type { MailProvider } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { addEvent } from "../ledger/events";
import { claimPreflight, stopJob } from "../ledger/jobs";
import { reclaimStale } from "../ledger/leases";
import { pausedUntil, pauseProvider } from "../ledger/pauses";
import { failLeftovers, settle } from "../ledger/rows";
import { ClaimQueue, type Unit } from "./claim-queue";
import { startHousekeeping } from "./housekeeping";
import { Lease } from "./lease";
import { DEFAULT_RUNNER_OPTIONS, type RunnerDeps, type RunnerOptions } from "./options";
import { runPreflight } from "./preflight";
import { SettleBuffer } from "./settle-buffer";
import { sendChanges, verifyChanges } from "./changes";
import { sendRows, verifyRows, type WorkResult } from "./work";

export { DEFAULT_RUNNER_OPTIONS, type RunnerDeps, type RunnerOptions } from "./options";

/**
 * Works the ledger: claims due rows, sends them, settles every row from the provider's answer,
 * and is the only place anything is retried. Any number of runners may share one PostgreSQL;
 * a row is claimed by one of them only. The parts: a lease (lease.ts), the claim-ahead queue
 * (claim-queue.ts), the settle buffer (settle-buffer.ts), the timers (housekeeping.ts), the read
 * before sending (preflight.ts) and the decisions over each answer (work.ts).
 */
export class JobRunner {
  private readonly options: RunnerOptions;
  private readonly lease: Lease;
  private readonly queue: ClaimQueue;
  private readonly buffer: SettleBuffer;
  private readonly inflight: Record<ProviderId, number> = { zcom: 0, hybridbox: 0 };
  /** Units in flight per job (a job's last settlement finishes it at once when it has none). */
  private readonly inflightJobs = new Map<string, number>();
  private readonly tasks = new Set<Promise<void>>();
  private stopping = false;
  private preflightBusy = false;
  private wakeUp: (() => void) | null = null;
  /** A wake-up came while the loop was busy: look again at once instead of sleeping. */
  private wokenWhileBusy = false;
  /** Jobs waiting for their preflight are looked for on a wake-up from outside, or every so often. */
  private preflightDue = true;
  private preflightCheckedAt = 0;
  private loopDone: Promise<void> | null = null;
  private stopHousekeeping: () => void = () => {};
  private pauses = new Map<string, Date>();
  private pausesReadAt = 0;
  private pausesReading: Promise<void> | null = null;

  constructor(private readonly deps: RunnerDeps) {
    this.options = { ...DEFAULT_RUNNER_OPTIONS, ...deps.options };
    this.queue = new ClaimQueue(deps.db, this.options);
    this.buffer = new SettleBuffer(
      deps.db,
      this.options.flushMs,
      () => this.id,
      (jobId) => !this.inflightJobs.has(jobId) && !this.queue.holds(jobId),
      // Rows written back as due (to send again, or to read): look now, not at the next poll.
      () => {
        this.queue.changed();
        this.kick();
      },
    );
    this.lease = new Lease(deps.db, this.options.leaseMs, deps.log, () => {
      this.buffer.drop();
      return this.queue.dropAll();
    });
  }

  /** This runner's id in the ledger (a new one after a lost lease). */
  get id(): string {
    return this.lease.id;
  }

  async start(): Promise<void> {
    await this.lease.register();
    if (this.options.exclusive) await this.reclaim(this.id);
    this.stopHousekeeping = startHousekeeping(
      { ...this.deps, options: this.options, wake: () => this.wake() },
      { beat: () => this.lease.beat(), reclaim: () => this.reclaim() },
    );
    this.deps.log.info(
      { runner: this.id, concurrency: this.options.concurrency },
      "job runner started",
    );
    this.loopDone = this.loop();
  }

  /** Stops claiming, lets the requests in flight finish and settle, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopHousekeeping();
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.tasks]);
    await this.queue.release(this.id);
    await this.buffer.flush();
  }

  /** Something changed (a job was queued, a pause ended): look for work now. */
  wake(): void {
    this.preflightDue = true;
    this.queue.changed();
    this.kick();
  }

  /** A slot freed: fill it now. */
  private kick(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
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
      if (this.wokenWhileBusy) {
        this.wokenWhileBusy = false;
        continue;
      }
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
    // Not on every freed slot: one query per row would slow a Z.com job down.
    const preflightDue =
      this.preflightDue || Date.now() - this.preflightCheckedAt >= this.options.idleMs;
    if (!this.preflightBusy && preflightDue) {
      this.preflightDue = false;
      this.preflightCheckedAt = Date.now();
      this.preflightBusy = true;
      // Not waited for here: the slots below are filled from the claimed queue meanwhile.
      this.track(this.preflightNext(), () => (this.preflightBusy = false));
    }
    const pauses = await this.currentPauses();
    for (const [id, provider] of Object.entries(this.deps.providers) as [
      ProviderId,
      MailProvider,
    ][]) {
      while (!this.stopping && this.inflight[id] < this.options.concurrency[id]) {
        if ((pauses.get(id)?.getTime() ?? 0) > Date.now()) break;
        const slots = this.options.concurrency[id];
        const unit = await this.queue.next(this.id, id, provider, slots);
        if (!unit) break;
        this.inflight[id] += 1;
        const jobId = unit.job.id;
        this.inflightJobs.set(jobId, (this.inflightJobs.get(jobId) ?? 0) + 1);
        this.track(this.process(id, provider, unit), () => {
          this.inflight[id] -= 1;
          const left = (this.inflightJobs.get(jobId) ?? 1) - 1;
          if (left > 0) this.inflightJobs.set(jobId, left);
          else this.inflightJobs.delete(jobId);
        });
      }
    }
  }

  /** Claims the next queued job, if any, and reads what its rows need before they are sent. */
  private async preflightNext(): Promise<void> {
    const job = await claimPreflight(this.deps.db, this.id);
    if (!job) return;
    const deps = {
      ...this.deps,
      provider: this.deps.providers[job.provider],
      policy: this.options.policy,
    };
    try {
      await runPreflight(deps, job, this.id);
    } finally {
      // Its rows are due now (or it stopped, or waits to be read again).
      this.queue.changed();
    }
  }

  private track(task: Promise<void>, done: () => void) {
    const tracked = task
      .catch((err: unknown) => this.deps.log.error({ err }, "job runner task failed"))
      .finally(() => {
        done();
        this.tasks.delete(tracked);
        this.kick();
      });
    this.tasks.add(tracked);
  }

  /**
   * The providers' pauses as every runner recorded them, read again every 200 ms. Only the first
   * read is waited for: later ones run beside the loop, which fills the slots from what it knows.
   * Waiting for each one held every freed slot behind the database's queue (a settlement of a
   * thousand rows, then a claim), up to 140 ms at a time, four times a second.
   */
  private async currentPauses() {
    if (!this.pausesReading && Date.now() - this.pausesReadAt > 200) {
      this.pausesReading = pausedUntil(this.deps.db)
        .then((read) => {
          // A pause only ever grows (pauseProvider keeps the later end): the later of this
          // runner's own and the recorded one, so one set here while the read was out stays.
          for (const [id, until] of this.pauses) {
            if (until.getTime() > (read.get(id)?.getTime() ?? 0)) read.set(id, until);
          }
          this.pauses = read;
          this.pausesReadAt = Date.now();
        })
        .finally(() => (this.pausesReading = null));
      if (this.pausesReadAt > 0) {
        this.pausesReading.catch((err: unknown) =>
          this.deps.log.warn({ err }, "reading the providers' pauses failed; trying again"),
        );
      }
    }
    if (this.pausesReadAt === 0) await this.pausesReading;
    return this.pauses;
  }

  private async process(id: ProviderId, provider: MailProvider, unit: Unit) {
    const { db, log } = this.deps;
    const { kind, job, rows } = unit;
    const claimedAs = this.id;
    // Fencing: a runner that was paused past its lease must not send what another runner took
    // back (and may be sending itself).
    if (!(await this.lease.holds(claimedAs))) {
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
      // Jobs that change existing mailboxes (delete, passwords, names) have their own decisions.
      const [send, verify] =
        job.kind === "create" ? [sendRows, verifyRows] : [sendChanges, verifyChanges];
      result = kind === "send" ? await send(ctx, job, rows) : await verify(ctx, job, rows);
    } catch (err) {
      // Our own failure (not the provider's answer): whatever was sent may have been applied, so
      // every row is read before anything else happens to it.
      log.error({ err, job: job.id, kind }, "processing a claim failed; its rows will be checked");
      result = internalFailure(unit, Date.now() + this.options.policy.capMs);
    }
    if (provider.capabilities.bulkMax < bulkBefore) {
      await addEvent(db, job.id, "bulk_size_lowered", claimedAs, {
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
      await addEvent(db, job.id, "provider_paused", claimedAs, {
        until: until.toISOString(),
        reason: result.pause.reason,
      });
    }
    if (result.stop) {
      // Stopped first: rows this unit gives back as pending must not be claimed and sent again
      // in the moment between their settlement and the stop (a second DELETE after "the
      // provider does not allow deleting here"). Then they end as not sent.
      await stopJob(db, job.id, result.stop.code, result.stop.message);
      await this.buffer.flush();
      await settle(db, claimedAs, result.settlements);
      await this.queue.release(claimedAs, job.id);
      await failLeftovers(db, job.id);
      log.warn(
        { job: job.id, code: result.stop.code },
        "job stopped: the provider refused our credentials",
      );
      return;
    }
    // The job's last unit here (this one is still counted in flight): its answers go out at once.
    const last = (this.inflightJobs.get(job.id) ?? 0) <= 1 && !this.queue.holds(job.id);
    await this.buffer.push({ job, rows, kind, result, last });
  }
}

/** What a unit comes to when handling it failed on our side: read before anything else. */
function internalFailure(unit: Unit, retryAtMs: number): WorkResult {
  return {
    settlements: unit.rows.map((row) => ({
      id: row.id,
      state: row.ambiguousAttempts > 0 || unit.kind === "send" ? "unknown" : "check",
      ...(unit.kind === "send"
        ? { ambiguousDelta: 1, ambiguousAt: new Date(), uncertainSince: new Date() }
        : {}),
      nextAttemptAt: new Date(retryAtMs),
      errorCode: "internal_error",
      errorMessage: "The console failed while handling this row; it is checked before any resend.",
    })),
    summary: { internalError: unit.rows.length },
  };
}
