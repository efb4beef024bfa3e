import "server-only";
import type { Db } from "@/lib/db/open";
import { addEvent } from "../ledger/events";
import { linkCreators } from "../ledger/holds";
import { finishDoneJobs } from "../ledger/jobs";
import { failLeftovers, settle } from "../ledger/rows";
import type { Job, ClaimedRow } from "../ledger/types";
import type { WorkResult } from "./work";

export interface Pending {
  job: Job;
  rows: ClaimedRow[];
  kind: "send" | "verify";
  result: WorkResult;
  /** Nothing else of the job is queued or in flight in this runner: written at once. */
  last?: boolean;
}

const FINAL = new Set(["created", "failed", "unconfirmed"]);

/**
 * Settlements wait here up to `flushMs` and are written together: one statement for all of them,
 * and one event per job (a 10,000-row Z.com job would otherwise write 20,000 statements). Each
 * write costs the embedded database about as much for a few rows as for a hundred, so a Z.com job
 * answering 200 rows a second is written in batches of about 20, not 5 (a quarter of the
 * statements). A job's last answers are written at once, so its end does not wait.
 */
export class SettleBuffer {
  private buffer: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly flushMs: number,
    private readonly runnerId: () => string,
    /** This runner has nothing of the job queued or in flight: its last rows may have settled. */
    private readonly idle: (jobId: string) => boolean = () => false,
    /** Rows were written back as due (to send again, or to read): claims may find them. */
    private readonly due: () => void = () => {},
  ) {}

  async push(pending: Pending): Promise<void> {
    this.buffer.push(pending);
    if (pending.last || this.buffer.length >= 64) await this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Forgets what was not written (the lease was lost: the claims are no longer ours). */
  drop(): void {
    this.buffer = [];
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    const batch = this.buffer.splice(0);
    if (batch.length === 0) return;
    this.flushing = this.write(batch);
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    const { db } = this;
    const runner = this.runnerId();
    const settlements = batch.flatMap((p) => p.result.settlements);
    await settle(db, runner, settlements);
    if (settlements.some((s) => !FINAL.has(s.state))) this.due();
    const byJob = new Map<string, Pending[]>();
    for (const p of batch) byJob.set(p.job.id, [...(byJob.get(p.job.id) ?? []), p]);
    for (const [jobId, items] of byJob) {
      const summary: Record<string, number> = {};
      const notCreated: number[] = [];
      for (const { result, rows } of items) {
        for (const s of result.settlements) {
          summary[s.state] = (summary[s.state] ?? 0) + 1;
          if (s.state !== "created") notCreated.push(rows.find((r) => r.id === s.id)?.rowNo ?? -1);
        }
      }
      const kinds = [...new Set(items.map((i) => i.kind))].join("+");
      await addEvent(
        db,
        jobId,
        kinds === "send" ? "sent" : kinds === "verify" ? "verified" : "settled",
        runner,
        {
          requests: items.length,
          ...summary,
          ...(notCreated.length > 0 ? { notCreated: notCreated.slice(0, 100) } : {}),
        },
      );
      // Another slot may have stopped the job while these requests were out.
      if (summary.pending || summary.unknown || summary.check) await failLeftovers(db, jobId);
      if (summary.failed) await linkCreators(db, jobId);
      // The job's last answers: finish it now, not at the next housekeeping tick (up to 500 ms
      // later, a tenth of a 10,000-row Hybridbox job). Only a job whose rows all ended here and
      // with nothing else of it in this runner is asked, so a running job costs no query.
      const ended = Object.keys(summary).every((s) => FINAL.has(s));
      if (ended && (items.some((i) => i.last) || this.idle(jobId))) {
        await finishDoneJobs(db, jobId);
      }
    }
  }
}
