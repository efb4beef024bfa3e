import { randomInt } from "node:crypto";
import { type FaultConfig, type ResolvedFaultConfig, resolveFaultConfig } from "./fault-config";
import { mulberry32 } from "./prng";

/** Why a request was turned away before any work: answer `status` with this Retry-After. */
export interface LimitDecision {
  status: 429 | 503;
  retryAfter: string;
}

/** The dice for one in-scope request, all thrown up front (see draw()). */
export interface FaultDraw {
  delayMs: number;
  resetBefore: boolean;
  errorStatus: number | null;
  resetAfter: boolean;
  hang: boolean;
}

/**
 * Decides, per request, which fault (if any) applies. Owns the PRNG, the admission counters for
 * the in-flight and rate limits, and the countdown for `unauthorizedAfter`.
 */
export class FaultEngine {
  private config: FaultConfig = {};
  private resolved: ResolvedFaultConfig = resolveFaultConfig({});
  private random: () => number = Math.random;
  private effectiveSeed = 0;
  private admitted = 0;
  private admittedAt: number[] = [];
  private unauthorizedRemaining: number | null = null;

  constructor(private readonly baseline: FaultConfig = {}) {
    this.configure(baseline);
  }

  /** Replaces the whole config; the PRNG, the rate window and the 401 countdown start over. */
  configure(config: FaultConfig): void {
    this.config = { ...config };
    this.resolved = resolveFaultConfig(config);
    this.effectiveSeed = config.seed ?? randomInt(0, 2 ** 31);
    this.random = mulberry32(this.effectiveSeed);
    this.admittedAt = [];
    this.unauthorizedRemaining = this.resolved.unauthorizedAfter;
  }

  reset(): void {
    this.configure(this.baseline);
  }

  get settings(): ResolvedFaultConfig {
    return this.resolved;
  }

  describe() {
    return {
      config: this.config,
      effective: { ...this.resolved, seed: this.effectiveSeed },
      unauthorizedRemaining: this.unauthorizedRemaining,
    };
  }

  /**
   * Called once per provider request as it arrives. Returns a limit decision, or admits the
   * request and returns a release function to call when its response is done. Decided
   * synchronously on arrival so a burst cannot all slip past a limit together.
   */
  admit(nowMs: number): { limit: LimitDecision } | { release: () => void } {
    const { maxInFlight, ratePerSecond } = this.resolved;
    if (ratePerSecond !== null) {
      this.admittedAt = this.admittedAt.filter((t) => nowMs - t < 1000);
    }
    const overInFlight = maxInFlight !== null && this.admitted >= maxInFlight;
    const overRate = ratePerSecond !== null && this.admittedAt.length >= ratePerSecond;
    if (overInFlight || overRate) return { limit: this.limitDecision(nowMs) };
    this.admitted += 1;
    if (ratePerSecond !== null) this.admittedAt.push(nowMs);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.admitted -= 1;
      },
    };
  }

  /** True when this request must answer 401 because the `unauthorizedAfter` countdown ran out. */
  takeUnauthorized(): boolean {
    if (this.unauthorizedRemaining === null) return false;
    if (this.unauthorizedRemaining === 0) return true;
    this.unauthorizedRemaining -= 1;
    return false;
  }

  inScope(isCreate: boolean): boolean {
    return isCreate || this.resolved.scope === "all";
  }

  /**
   * Always throws the same six dice in the same order, whatever is switched on, so turning one
   * fault on or off does not shift the sequence the others see for a given seed.
   */
  draw(): FaultDraw {
    const c = this.resolved;
    const [jitter, error, pick, before, after, hang] = Array.from({ length: 6 }, this.random);
    const statuses = c.errorStatuses;
    return {
      delayMs: c.latencyMs + Math.floor((jitter ?? 0) * (c.jitterMs + 1)),
      resetBefore: (before ?? 1) < c.resetBeforeRate,
      errorStatus:
        (error ?? 1) < c.errorRate
          ? (statuses[Math.floor((pick ?? 0) * statuses.length)] ?? statuses[0] ?? 500)
          : null,
      resetAfter: (after ?? 1) < c.resetAfterRate,
      hang: (hang ?? 1) < c.hangAfterRate,
    };
  }

  private limitDecision(nowMs: number): LimitDecision {
    return { status: this.resolved.limitStatus, retryAfter: this.retryAfter(nowMs) };
  }

  /** The Retry-After value for a "not now" answer (limits, and injected 429/503 errors alike). */
  retryAfter(nowMs: number): string {
    const { retryAfterFormat, retryAfterSeconds } = this.resolved;
    return retryAfterFormat === "http-date"
      ? // Rounded up: an HTTP date has whole seconds, and a client must not come back early.
        new Date(Math.ceil((nowMs + retryAfterSeconds * 1000) / 1000) * 1000).toUTCString()
      : String(retryAfterSeconds);
  }
}
