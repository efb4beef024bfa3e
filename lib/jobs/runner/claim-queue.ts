import "server-only";
import type { Db } from "@/lib/db/open";
import type { MailProvider } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { claimRows, settle } from "../ledger/rows";
import type { Job, ClaimedRow, Settlement } from "../ledger/types";

export interface Unit {
  kind: "send" | "verify";
  job: Job;
  rows: ClaimedRow[];
}

/**
 * The next unit of work per provider. Rows whose answer was lost (or that must be read before
 * their first send) come before anything else is sent; sends are claimed a few units ahead, one
 * query for several requests, and wait here until a slot is free.
 */
export class ClaimQueue {
  private readonly queued: Record<ProviderId, Unit[]> = { zcom: [], hybridbox: [] };

  constructor(
    private readonly db: Db,
    private readonly options: { verifyBatch: number; prefetch: number },
  ) {}

  async next(
    runnerId: string,
    id: ProviderId,
    provider: MailProvider,
    /** This runner's requests in flight for the provider at most. */
    slots: number,
  ): Promise<Unit | undefined> {
    const ahead = this.queued[id].shift();
    if (ahead) return ahead;
    const verify = await claimRows(this.db, runnerId, id, "verify", this.options.verifyBatch);
    if (verify) return { kind: "verify", ...verify };
    const size = provider.capabilities.bulkMax;
    const claimed = await claimRows(
      this.db,
      runnerId,
      id,
      "send",
      // For every slot, not only the free ones: a slot frees one at a time, and claiming for one
      // made a Z.com job ask the database once per 4 rows (500 claims for 2,000 rows).
      size * Math.max(1, slots) * this.options.prefetch,
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

  /** Whether a unit of the job is claimed ahead here. */
  holds(jobId: string): boolean {
    return Object.values(this.queued).some((units) => units.some((u) => u.job.id === jobId));
  }

  /** Forgets every queued unit (the lease was lost: they are no longer ours). */
  dropAll(): number {
    let dropped = 0;
    for (const units of Object.values(this.queued)) dropped += units.splice(0).length;
    return dropped;
  }

  /**
   * Queued units (of one job, or all) go back to pending: never sent, so the attempt counted at
   * the claim is given back.
   */
  async release(runnerId: string, jobId?: string): Promise<void> {
    const given: Settlement[] = [];
    for (const id of Object.keys(this.queued) as ProviderId[]) {
      const mine = this.queued[id].filter((u) => !jobId || u.job.id === jobId);
      this.queued[id] = this.queued[id].filter((u) => jobId && u.job.id !== jobId);
      for (const unit of mine) {
        for (const row of unit.rows)
          given.push({ id: row.id, state: "pending", attemptsDelta: -1 });
      }
    }
    await settle(this.db, runnerId, given);
  }
}
