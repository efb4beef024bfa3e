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
  /** Do the work, then answer `errorAfterStatus` (drawn from a second stream, see draw()). */
  errorAfter: boolean;
}

/** Reads are GET and HEAD; every other method is a write. */
export type RequestClass = "read" | "write";

/** One admission limit: requests open at once and admitted in the last second. */
class Gate {
  open = 0;
  private admittedAt: number[] = [];

  constructor(
    private readonly maxInFlight: () => number | null,
    private readonly ratePerSecond: () => number | null,
  ) {}

  full(nowMs: number): boolean {
    const max = this.maxInFlight();
    const rate = this.ratePerSecond();
    if (rate !== null) this.admittedAt = this.admittedAt.filter((t) => nowMs - t < 1000);
    return (max !== null && this.open >= max) || (rate !== null && this.admittedAt.length >= rate);
  }

  enter(nowMs: number): void {
    this.open += 1;
    if (this.ratePerSecond() !== null) this.admittedAt.push(nowMs);
  }

  leave(): void {
    this.open -= 1;
  }

  /** The rate window starts over; requests still open stay counted until they end. */
  restart(): void {
    this.admittedAt = [];
  }
}

/** Added to the seed for the second PRNG stream (errorAfter), so the first six dice stay put. */
const AFTER_STREAM = 0x9e3779b9;

/**
 * Decides, per request, which fault (if any) applies. Owns the PRNG, the admission counters for
 * the in-flight and rate limits, and the countdown for `unauthorizedAfter`.
 *
 * A profile may lay a fault config underneath the one tests PUT (`setProfileFaults`): the
 * effective config is the profile's with the configured fields on top, so `PUT /faults` does not
 * wipe a profile's read limits.
 */
export class FaultEngine {
  private config: FaultConfig = {};
  private profileFaults: FaultConfig = {};
  private resolved: ResolvedFaultConfig = resolveFaultConfig({});
  private random: () => number = Math.random;
  private afterRandom: () => number = Math.random;
  private effectiveSeed = 0;
  private unauthorizedRemaining: number | null = null;
  private readonly gates = {
    all: new Gate(
      () => this.resolved.maxInFlight,
      () => this.resolved.ratePerSecond,
    ),
    read: new Gate(
      () => this.resolved.readMaxInFlight,
      () => this.resolved.readRatePerSecond,
    ),
    write: new Gate(
      () => this.resolved.writeMaxInFlight,
      () => this.resolved.writeRatePerSecond,
    ),
  };

  constructor(private readonly baseline: FaultConfig = {}) {
    this.configure(baseline);
  }

  /** Replaces the whole config; the PRNG, the rate windows and the 401 countdown start over. */
  configure(config: FaultConfig): void {
    this.config = { ...config };
    const merged = { ...this.profileFaults, ...config };
    this.resolved = resolveFaultConfig(merged);
    this.effectiveSeed = merged.seed ?? randomInt(0, 2 ** 31);
    this.random = mulberry32(this.effectiveSeed);
    this.afterRandom = mulberry32((this.effectiveSeed + AFTER_STREAM) >>> 0);
    for (const gate of Object.values(this.gates)) gate.restart();
    this.unauthorizedRemaining = this.resolved.unauthorizedAfter;
  }

  /** The profile's layer under the configured faults; the sequences start over. */
  setProfileFaults(faults: FaultConfig): void {
    this.profileFaults = { ...faults };
    this.configure(this.config);
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
      profileFaults: this.profileFaults,
      effective: { ...this.resolved, seed: this.effectiveSeed },
      unauthorizedRemaining: this.unauthorizedRemaining,
    };
  }

  /**
   * Called once per provider request as it arrives. Returns a limit decision, or admits the
   * request and returns a release function to call when its response is done. Decided
   * synchronously on arrival so a burst cannot all slip past a limit together. Without a
   * `kind` only the limits over every request apply.
   */
  admit(nowMs: number, kind?: RequestClass): { limit: LimitDecision } | { release: () => void } {
    const gates = kind ? [this.gates.all, this.gates[kind]] : [this.gates.all];
    // Every gate's window is pruned (no short-circuit), then all must have room.
    const full = gates.map((gate) => gate.full(nowMs));
    if (full.some(Boolean)) return { limit: this.limitDecision(nowMs) };
    for (const gate of gates) gate.enter(nowMs);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const gate of gates) gate.leave();
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

  inScope(isCreate: boolean, isWrite = isCreate): boolean {
    if (isCreate || this.resolved.scope === "all") return true;
    return this.resolved.scope === "writes" && isWrite;
  }

  /**
   * Always throws the same six dice in the same order, whatever is switched on, so turning one
   * fault on or off does not shift the sequence the others see for a given seed. `errorAfter`
   * comes from a second stream (seeded from the same seed), one die per request, so the six
   * dice give the same faults they gave before it existed.
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
      errorAfter: this.afterRandom() < c.errorAfterRate,
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
