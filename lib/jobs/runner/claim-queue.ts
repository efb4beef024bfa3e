import "server-only";
import type { Db } from "@/lib/db/open";
import type { MailProvider } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { claimRows, settle } from "../ledger/rows";
import type { RetryPolicy } from "./retry-policy";
import type { Job, ClaimedRow, Settlement } from "../ledger/types";

export interface Unit {
  kind: "send" | "verify";
  job: Job;
  rows: ClaimedRow[];
}

type Refill = { runnerId: string; id: ProviderId; provider: MailProvider; slots: number };

/**
 * The next unit of work per provider. Rows whose answer was lost (or that must be read before
 * their first send) come before anything else is sent; sends are claimed a few units ahead, one
 * query for several requests, and wait here until a slot is free.
 *
 * The next claim is made before the queue runs dry: when less than a whole claim is left (four
 * rounds of the slots with the default prefetch), right after a unit is handed out, so the slots
 * are busy at the provider while the database claims. Claiming only once the queue was empty left
 * every slot idle for the length of the claim, seven times in a 10,000-row Hybridbox job; waiting
 * until less than one round was left still left a slot waiting 10-40 ms for five claims of six
 * on PostgreSQL, where a claim of 1,600 rows takes 70-140 ms and a round of four bulks 55 ms. On
 * the embedded database a claim waits behind the settlement being written (up to a thousand
 * rows, 100 ms) and takes 50-60 ms itself: claimed at half a claim left (two rounds, 110 ms), the
 * slots still ran dry at most claims of a job, and a runner's second 10,000-row Hybridbox job took
 * 1.59 s (median of six) against 1.44 s claimed at a whole claim left.
 *
 * A claim made while nothing is queued (a job's first) is one round only: the slots start as soon
 * as that is claimed (a fifth of the rows), and the rest is claimed while they are out.
 *
 * A claim that found nothing is not made again for half of `idleMs` (the loop's own poll), unless
 * something here may have made rows due meanwhile (`changed()`: a settlement that was not an end,
 * a job started, a wake-up). At a job's end every freed slot asked again, twice (read, then send):
 * eight empty claims on PostgreSQL in the last 100 ms of a 10,000-row Hybridbox job, competing
 * with the job's last settlements.
 *
 * Every claim asks first for rows to read. Most of the time there are none, and proving that
 * walks the job's open rows (`state` is in no index: migration 0014), 30-40 ms for a 100,000-row
 * job on the embedded database. A read that found nothing is not asked again for
 * `READ_RECHECK_MS` unless `changed()`: a Z.com job claims a few rows at a time, and asking every
 * time would make that walk a large share of a big job's database time. The rows that wait to be
 * read wait for a list's lag anyway (lost answers), and those this runner writes call `changed()`.
 */
export const READ_RECHECK_MS = 1_000;

export class ClaimQueue {
  private readonly queued: Record<ProviderId, Unit[]> = { zcom: [], hybridbox: [] };
  private readonly refilling: Record<ProviderId, Promise<void> | null> = {
    zcom: null,
    hybridbox: null,
  };
  /** What a claim made ahead failed with, thrown by the next call (it has no caller of its own). */
  private failure: unknown = null;
  /** Bumped by every release and drop: a claim that was out meanwhile gives its rows back. */
  private epoch = 0;
  private dropped = false;
  /** The last claim for the provider found nothing: not asked again before this time. */
  private readonly nothingUntil: Record<ProviderId, number> = { zcom: 0, hybridbox: 0 };
  /** The last ask for rows to read found none: not asked again before this time. */
  private readonly noReadsUntil: Record<ProviderId, number> = { zcom: 0, hybridbox: 0 };
  /** Bumped by `changed()`: a claim that found nothing while it was out proves nothing. */
  private changes = 0;

  constructor(
    private readonly db: Db,
    private readonly options: {
      verifyBatch: number;
      prefetch: number;
      idleMs?: number;
      policy: Pick<RetryPolicy, "listLagMs">;
    },
  ) {}

  /** Rows may have become due (settled back to due, a job started, a wake-up): ask again. */
  changed(): void {
    this.changes += 1;
    this.nothingUntil.zcom = 0;
    this.nothingUntil.hybridbox = 0;
    this.noReadsUntil.zcom = 0;
    this.noReadsUntil.hybridbox = 0;
  }

  async next(
    runnerId: string,
    id: ProviderId,
    provider: MailProvider,
    /** This runner's requests in flight for the provider at most. */
    slots: number,
  ): Promise<Unit | undefined> {
    const refill = { runnerId, id, provider, slots };
    if (this.queued[id].length === 0) {
      await this.refilling[id];
      this.throwFailure();
      if (this.queued[id].length === 0 && !this.foundNothing(id)) await this.claim(refill, 1);
    }
    const unit = this.queued[id].shift();
    const low = Math.max(1, slots) * Math.max(1, this.options.prefetch);
    if (unit && this.queued[id].length < low && !this.refilling[id] && !this.foundNothing(id)) {
      this.refilling[id] = this.claim(refill)
        .catch((error: unknown) => void (this.failure = error))
        .finally(() => (this.refilling[id] = null));
    }
    return unit;
  }

  private foundNothing(id: ProviderId): boolean {
    return Date.now() < this.nothingUntil[id];
  }

  private throwFailure() {
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  /**
   * Claims the next units: rows to read first (put in front of the queue), else rows to send.
   */
  private async claim(
    { runnerId, id, provider, slots }: Refill,
    /** Units per slot: the prefetch, or one round when nothing is queued. */
    perSlot = this.options.prefetch,
  ): Promise<void> {
    const epoch = this.epoch;
    const changes = this.changes;
    const askReads = Date.now() >= this.noReadsUntil[id];
    const { listLagMs } = this.options.policy;
    const verify = askReads
      ? await claimRows(this.db, runnerId, id, "verify", this.options.verifyBatch, listLagMs)
      : null;
    if (askReads && !verify && changes === this.changes && epoch === this.epoch) {
      this.noReadsUntil[id] = Date.now() + READ_RECHECK_MS;
    }
    const claimed =
      verify ??
      (await claimRows(
        this.db,
        runnerId,
        id,
        "send",
        // For every slot, not only the free ones: a slot frees one at a time, and claiming for
        // one made a Z.com job ask the database once per 4 rows (500 claims for 2,000 rows).
        provider.capabilities.bulkMax * Math.max(1, slots) * perSlot,
        listLagMs,
      ));
    if (!claimed) {
      if (changes === this.changes && epoch === this.epoch) {
        // Half the poll: the loop's next look, an idle poll later, always asks.
        this.nothingUntil[id] = Date.now() + (this.options.idleMs ?? 0) / 2;
      }
      return;
    }
    if (epoch !== this.epoch) {
      // Released or dropped while this claim was out: it is not queued. A drop means the lease
      // was lost (the rows are not ours to touch); after a release they go back to pending.
      if (!this.dropped) {
        await settle(this.db, runnerId, giveBack(claimed.rows, !verify));
        this.changed();
      }
      return;
    }
    if (verify) {
      this.queued[id].unshift({ kind: "verify", ...verify });
      return;
    }
    const size = provider.capabilities.bulkMax;
    for (let i = 0; i < claimed.rows.length; i += size) {
      this.queued[id].push({
        kind: "send",
        job: claimed.job,
        rows: claimed.rows.slice(i, i + size),
      });
    }
  }

  /** Resolves when no claim made ahead is out. */
  async settled(): Promise<void> {
    await Promise.all(Object.values(this.refilling));
  }

  /** Whether a unit of the job is claimed ahead here. */
  holds(jobId: string): boolean {
    return Object.values(this.queued).some((units) => units.some((u) => u.job.id === jobId));
  }

  /** Forgets every queued unit (the lease was lost: they are no longer ours). */
  dropAll(): number {
    this.epoch += 1;
    this.dropped = true;
    let dropped = 0;
    for (const units of Object.values(this.queued)) dropped += units.splice(0).length;
    return dropped;
  }

  /**
   * Queued units (of one job, or all) go back to pending: never sent, so the attempt counted at
   * the claim is given back. A claim still out is waited for and gives back its rows too.
   */
  async release(runnerId: string, jobId?: string): Promise<void> {
    this.epoch += 1;
    this.dropped = false;
    const given: Settlement[] = [];
    for (const id of Object.keys(this.queued) as ProviderId[]) {
      const mine = this.queued[id].filter((u) => !jobId || u.job.id === jobId);
      this.queued[id] = this.queued[id].filter((u) => jobId && u.job.id !== jobId);
      for (const unit of mine) given.push(...giveBack(unit.rows, unit.kind === "send"));
    }
    await settle(this.db, runnerId, given);
    this.changed();
    await this.settled();
  }
}

/**
 * Claimed rows back as they were before the claim, neither sent nor read: a send gives back its
 * attempt; a read goes back to "unknown" (an answer was lost) or "check" (read before the first
 * send), as the runner's own failures do.
 */
function giveBack(rows: ClaimedRow[], send: boolean): Settlement[] {
  return rows.map((row): Settlement =>
    send
      ? { id: row.id, state: "pending", attemptsDelta: -1 }
      : { id: row.id, state: row.ambiguousAttempts > 0 ? "unknown" : "check" },
  );
}
