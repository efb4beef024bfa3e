import type { Permit, RequestGate, RequestOutcome } from "@/lib/providers/gate";
import {
  type AimdOptions,
  DEFAULT_AIMD,
  initialState,
  LatencyWatch,
  type LimitState,
  type Signal,
  step,
} from "./aimd";
import { loopLag } from "./loop-lag";
import { TokenBucket } from "./token-bucket";

export interface GateSnapshot {
  limit: number;
  max: number;
  inFlight: number;
  slowedAt: number | null;
  slowedReason: string | null;
  perSecond: number | null;
}

export interface GateOptions {
  max: number;
  /** Requests per second, when the provider is known to limit them so (optional). */
  perSecond?: number | null;
  aimd?: Partial<Omit<AimdOptions, "max">>;
  now?: () => number;
  /** How late this process's event loop has been lately (tests inject one). */
  loopLagMs?: () => number;
}

/** The signal one answer gives: 429/503 say "slow down"; a fast answer is calm. */
export function signalOf(outcome: RequestOutcome, latency: LatencyWatch): Signal | null {
  if (outcome.status === 429 || outcome.status === 503) {
    return { kind: "throttled", status: outcome.status };
  }
  // No answer at all (a reset, a timeout) says nothing about the provider's load.
  if (outcome.status === undefined) return null;
  return latency.observe(outcome.ms, outcome.route);
}

/**
 * The gate of one process (the embedded database serves one process): a semaphore whose size is
 * the adaptive limit, and, optionally, a token bucket for a per-second limit.
 */
export class LocalGate implements RequestGate {
  private inFlight = 0;
  private readonly waiters: (() => boolean)[] = [];
  private state: LimitState;
  private readonly aimd: AimdOptions;
  private readonly latency: LatencyWatch;
  private readonly now: () => number;
  private readonly bucket: TokenBucket | null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: GateOptions) {
    this.now = options.now ?? Date.now;
    this.aimd = { ...DEFAULT_AIMD, ...options.aimd, max: options.max };
    this.latency = new LatencyWatch(this.aimd, options.loopLagMs ?? loopLag);
    this.state = initialState(options.max, this.now());
    this.bucket = options.perSecond ? new TokenBucket(options.perSecond, this.now) : null;
  }

  acquire(signal?: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      const tryTake = () => {
        if (signal?.aborted) {
          reject(signal.reason as Error);
          return true;
        }
        if (this.inFlight >= this.state.limit || !this.takeToken()) return false;
        this.inFlight += 1;
        let released = false;
        resolve({
          release: (outcome) => {
            if (released) return;
            released = true;
            this.inFlight -= 1;
            this.observe(outcome);
            this.wake();
          },
        });
        return true;
      };
      if (tryTake()) return;
      const waiter = () => tryTake();
      this.waiters.push(waiter);
      this.scheduleRefill();
      // A request given up while it waits leaves the queue at once.
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason as Error);
        },
        { once: true },
      );
    });
  }

  snapshot(): GateSnapshot {
    return {
      limit: this.state.limit,
      max: this.options.max,
      inFlight: this.inFlight,
      slowedAt: this.state.slowedAt,
      slowedReason: this.state.slowedReason,
      perSecond: this.options.perSecond ?? null,
    };
  }

  private observe(outcome: RequestOutcome) {
    const signal = signalOf(outcome, this.latency);
    if (signal) this.state = step(this.state, signal, this.aimd, this.now());
  }

  /** Lets waiters in while there is room (a slot freed, the limit grew, tokens came back). */
  private wake() {
    while (this.waiters.length > 0) {
      const next = this.waiters[0]!;
      if (!next()) break;
      this.waiters.shift();
    }
    if (this.waiters.length > 0) this.scheduleRefill();
  }

  private takeToken(): boolean {
    return !this.bucket || this.bucket.take(this.options.perSecond!);
  }

  /** Waiters held back by the per-second bucket (or the limit growing) are looked at again. */
  private scheduleRefill() {
    if (this.timer) return;
    const perSecond = this.options.perSecond;
    const wait = perSecond ? Math.max(5, Math.ceil(1000 / perSecond)) : this.aimd.growEveryMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Time passing is calm: the limit may grow even while nothing is answered.
      this.state = step(this.state, { kind: "calm" }, this.aimd, this.now());
      this.wake();
    }, wait);
    this.timer.unref();
  }
}
