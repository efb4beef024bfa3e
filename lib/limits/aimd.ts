/**
 * How many requests a provider should have in flight, learned from its answers (AIMD, as TCP
 * does): halve on "slow down" (429, 503) or when answers take much longer than they did when it
 * was quiet, at most once per `cooldownMs`; grow by one after `growEveryMs` of calm. Never above
 * the configured maximum, never below one. A provider's real limit is unpublished and changes:
 * a fixed cap either wastes time or gets throttled.
 */
export interface AimdOptions {
  max: number;
  /** Least time between two decreases (one burst of 429s is one signal, not many). */
  cooldownMs: number;
  /** Calm time (no decrease) before each increase. */
  growEveryMs: number;
  /** Latency above this multiple of the quiet baseline counts as a "slow down". */
  latencyFactor: number;
  /** Answers seen before latency is judged at all. */
  warmup: number;
}

export const DEFAULT_AIMD: Omit<AimdOptions, "max"> = {
  cooldownMs: 2_000,
  growEveryMs: 1_000,
  latencyFactor: 3,
  warmup: 20,
};

export interface LimitState {
  limit: number;
  /** When it was last lowered, and why (shown on the Overview). */
  slowedAt: number | null;
  slowedReason: string | null;
  changedAt: number;
}

export type Signal =
  | { kind: "throttled"; status: number }
  | { kind: "slow"; ms: number; baselineMs: number }
  | { kind: "calm" };

export function initialState(max: number, now: number): LimitState {
  return { limit: max, slowedAt: null, slowedReason: null, changedAt: now };
}

/** The next state after a signal, or the same object when nothing changes. */
export function step(
  state: LimitState,
  signal: Signal,
  options: AimdOptions,
  now: number,
): LimitState {
  if (signal.kind === "calm") {
    const calmSince = Math.max(state.changedAt, state.slowedAt ?? 0);
    if (state.limit >= options.max || now - calmSince < options.growEveryMs) return state;
    return { ...state, limit: state.limit + 1, changedAt: now };
  }
  if (state.slowedAt !== null && now - state.slowedAt < options.cooldownMs) return state;
  const reason =
    signal.kind === "throttled"
      ? `${signal.status} from the provider`
      : `answers took ${Math.round(signal.ms)} ms (usually ${Math.round(signal.baselineMs)} ms)`;
  return {
    limit: Math.max(1, Math.floor(state.limit / 2)),
    slowedAt: now,
    slowedReason: reason,
    changedAt: now,
  };
}

/**
 * Latency judged against the quiet baseline: an exponentially weighted average of answers, and
 * the least such average seen (slowly forgotten, so a provider that became slower for good
 * becomes the new normal).
 */
export class LatencyWatch {
  private average = 0;
  private baseline = Number.POSITIVE_INFINITY;
  private seen = 0;

  constructor(private readonly options: Pick<AimdOptions, "latencyFactor" | "warmup">) {}

  /** The signal one answer gives: slow, or calm. */
  observe(ms: number): Signal {
    this.seen += 1;
    this.average = this.seen === 1 ? ms : this.average * 0.9 + ms * 0.1;
    this.baseline = Math.min(this.baseline * 1.001, this.average);
    if (this.seen < this.options.warmup) return { kind: "calm" };
    return this.average > this.baseline * this.options.latencyFactor
      ? { kind: "slow", ms: this.average, baselineMs: this.baseline }
      : { kind: "calm" };
  }
}
