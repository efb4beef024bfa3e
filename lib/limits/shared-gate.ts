import "server-only";
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "@/lib/db/open";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Permit, RequestGate, RequestOutcome } from "@/lib/providers/gate";
import { type AimdOptions, DEFAULT_AIMD, LatencyWatch, slowReason } from "./aimd";
import type { GateOptions, GateSnapshot } from "./local-gate";
import { signalOf } from "./local-gate";
import { loopLag } from "./loop-lag";
import { TokenBucket } from "./token-bucket";
import {
  givePermits,
  preparePermits,
  readLimit,
  renewPermits,
  type SharedLimit,
  slowDown,
  speedUp,
  takePermits,
} from "./permits";

export interface SharedGateOptions extends GateOptions {
  /** A permit's lease: a process that dies gives its permits back within it. */
  leaseMs?: number;
  /** A permit kept busy this long goes back to the pool, so other processes get their turn. */
  holdMaxMs?: number;
  /** A permit idle this long goes back to the pool. */
  idleMs?: number;
}

interface Held {
  busy: boolean;
  since: number;
  idleSince: number;
  /** Above the limit now: give it up when its request ends. */
  surplus: boolean;
}

interface Waiter {
  resolve: (permit: Permit) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal | undefined;
}

/**
 * The gate of one process among several on one PostgreSQL: a request may be in flight only under
 * a permit from `provider_permit`, and only slots below the provider's shared adaptive limit are
 * handed out, so the cap holds across every web server and runner. Permits are taken as requests
 * wait and given back when idle or after a short hold (so busy processes take turns); their
 * leases are renewed while held, and a crashed process's permits return within a lease.
 */
export class SharedGate implements RequestGate {
  readonly holder = randomUUID();
  private readonly held = new Map<number, Held>();
  private readonly waiters: Waiter[] = [];
  private readonly aimd: AimdOptions;
  private readonly latency: LatencyWatch;
  private readonly leaseMs: number;
  private readonly holdMaxMs: number;
  private readonly idleMs: number;
  private limit: SharedLimit;
  private taking: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private ready: Promise<void>;
  private readonly bucket = new TokenBucket(0);
  private lastGrowAsk = 0;

  constructor(
    private readonly db: Db,
    private readonly provider: ProviderId,
    private readonly options: SharedGateOptions,
    private readonly log?: Logger,
  ) {
    this.aimd = { ...DEFAULT_AIMD, ...options.aimd, max: options.max };
    this.latency = new LatencyWatch(this.aimd, options.loopLagMs ?? loopLag);
    this.leaseMs = options.leaseMs ?? 6_000;
    this.holdMaxMs = options.holdMaxMs ?? 2_000;
    this.idleMs = options.idleMs ?? 250;
    this.limit = {
      current: options.max,
      max: options.max,
      slowedAt: null,
      slowedReason: null,
      holders: 1,
    };
    this.ready = this.start();
  }

  private async start() {
    await preparePermits(this.db, this.provider, this.options.max);
    this.limit = await readLimit(this.db, this.provider);
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const timer = setInterval(
        () => void fn().catch((err: unknown) => this.log?.warn({ err }, "permit upkeep failed")),
        ms,
      );
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(200, this.leaseMs / 3), () => this.renew());
    every(100, () => this.upkeep());
  }

  acquire(signal?: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      this.waiters.push({ resolve, reject, signal });
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.waiters.findIndex((w) => w.resolve === resolve);
          if (i >= 0) this.waiters.splice(i, 1)[0]!.reject(signal.reason);
        },
        { once: true },
      );
      this.serve();
      void this.take();
    });
  }

  snapshot(): GateSnapshot {
    return {
      limit: this.limit.current,
      max: this.limit.max,
      inFlight: [...this.held.values()].filter((h) => h.busy).length,
      slowedAt: this.limit.slowedAt?.getTime() ?? null,
      slowedReason: this.limit.slowedReason,
      perSecond: this.options.perSecond ?? null,
    };
  }

  /** Gives every permit back (shutdown). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.ready.catch(() => {});
    await givePermits(this.db, this.provider, this.holder, [...this.held.keys()]);
    this.held.clear();
  }

  /** Idle permits to waiters, as far as they go. */
  private serve() {
    for (const [slot, held] of this.held) {
      if (this.waiters.length === 0) return;
      if (held.busy || held.surplus || !this.takeToken()) continue;
      const waiter = this.waiters.shift()!;
      held.busy = true;
      waiter.resolve(this.permit(slot));
    }
  }

  /** More permits from the pool for the requests waiting here (one query at a time). */
  private take(): Promise<void> {
    this.taking ??= (async () => {
      try {
        await this.ready;
        const idle = [...this.held.values()].filter((h) => !h.busy && !h.surplus).length;
        const want = this.waiters.length - idle;
        if (want <= 0) return;
        const slots = await takePermits(this.db, this.provider, this.holder, want, this.leaseMs);
        const now = Date.now();
        for (const slot of slots) {
          this.held.set(slot, { busy: false, since: now, idleSince: now, surplus: false });
        }
        this.serve();
        if (slots.length < want) await this.askToGrow();
      } finally {
        this.taking = null;
      }
    })();
    return this.taking;
  }

  private permit(slot: number): Permit {
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        void this.done(slot, outcome).catch((err: unknown) =>
          this.log?.warn({ err }, "giving a permit back failed"),
        );
      },
    };
  }

  private async done(slot: number, outcome: RequestOutcome) {
    const held = this.held.get(slot);
    if (!held) return;
    held.busy = false;
    held.idleSince = Date.now();
    const signal = signalOf(outcome, this.latency);
    if (signal && signal.kind !== "calm") {
      await slowDown(this.db, this.provider, signal.kind, slowReason(signal), this.aimd);
      this.limit = await readLimit(this.db, this.provider);
      this.markSurplus();
    }
    // While the slow-down was written, the permit may have gone to a request waiting here. Then
    // that request's end decides: giving the permit back now would let another process use the
    // slot while the request is still out (seen as 4 in flight under a cap of 3).
    if (held.busy || this.held.get(slot) !== held) return;
    if (held.surplus || Date.now() - held.since > this.holdMaxMs) {
      // Back to the pool: above the limit, or held long enough for others to have a turn.
      this.held.delete(slot);
      await givePermits(this.db, this.provider, this.holder, [slot]);
      if (this.waiters.length > 0) await this.take();
      return;
    }
    this.serve();
  }

  private markSurplus() {
    for (const [slot, held] of this.held) if (slot >= this.limit.current) held.surplus = true;
  }

  /** Waiters that find no permit free ask for one more (the limit grows after calm). */
  private async askToGrow() {
    if (this.limit.current >= this.limit.max) return;
    if (Date.now() - this.lastGrowAsk < this.aimd.growEveryMs) return;
    this.lastGrowAsk = Date.now();
    await speedUp(this.db, this.provider, this.aimd);
  }

  private async renew() {
    await this.ready;
    const slots = [...this.held.keys()];
    const { kept, limit } = await renewPermits(
      this.db,
      this.provider,
      this.holder,
      slots,
      this.leaseMs,
    );
    this.limit = limit;
    const still = new Set(kept);
    for (const slot of slots) {
      if (still.has(slot)) continue;
      const held = this.held.get(slot);
      // Lost (expired and taken) or above the limit: never use it again.
      if (held && !held.busy) this.held.delete(slot);
      else if (held) held.surplus = true;
    }
    await givePermits(
      this.db,
      this.provider,
      this.holder,
      slots.filter((s) => !still.has(s) && !this.held.has(s)),
    );
  }

  /** Idle permits go back; waiters held by the per-second share are let in as tokens return. */
  private async upkeep() {
    const now = Date.now();
    const idle = [...this.held]
      .filter(([, h]) => !h.busy && (h.surplus || now - h.idleSince > this.idleMs))
      .map(([slot]) => slot);
    for (const slot of idle) this.held.delete(slot);
    if (idle.length > 0) await givePermits(this.db, this.provider, this.holder, idle);
    if (this.waiters.length > 0) {
      this.serve();
      await this.take();
    }
  }

  /** A per-second limit, shared out among the processes holding permits. */
  private takeToken(): boolean {
    const perSecond = this.options.perSecond;
    if (!perSecond) return true;
    return this.bucket.take(perSecond / Math.max(1, this.limit.holders));
  }
}
