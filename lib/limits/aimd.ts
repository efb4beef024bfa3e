import { codedText } from "@/lib/i18n/coded";

/**
 * How many requests a provider should have in flight, learned from its answers (AIMD, as TCP
 * does): halve on "slow down" (429, 503), one less when answers take much longer than they did
 * when it was quiet, at most once per `cooldownMs`; grow by one after `growEveryMs` of calm. Never above
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
  const reason = slowReason(signal);
  return {
    limit: lowered(state.limit, signal.kind),
    slowedAt: now,
    slowedReason: reason,
    changedAt: now,
  };
}

/**
 * The limit after a "slow down": halved when the provider said so (429, 503); one less when its
 * answers only grew slow (a weaker signal: the provider may just be busy with our own requests).
 */
/**
 * Why the limit went down, as a catalog code (lib/i18n/coded.ts) kept with the limit: the
 * Overview words it in the reader's locale ("429 from the provider").
 */
export function slowReason(signal: Exclude<Signal, { kind: "calm" }>): string {
  return signal.kind === "throttled"
    ? codedText("providerCard.slowThrottled", { status: signal.status })
    : codedText("providerCard.slowLatency", {
        ms: Math.round(signal.ms),
        baselineMs: Math.round(signal.baselineMs),
      });
}

export function lowered(limit: number, kind: "throttled" | "slow"): number {
  return Math.max(1, kind === "throttled" ? Math.floor(limit / 2) : limit - 1);
}

/**
 * Latency judged against the quiet baseline, per route (a bulk create of 100 is slower than a
 * list read, and that says nothing about load): an exponentially weighted average of answers, and
 * the least such average seen (slowly forgotten, so a provider that became slower for good becomes
 * the new normal).
 *
 * Our own process can make answers look slow: while the event loop is busy (the embedded
 * database runs on it), an answer that came waits to be read. When the loop itself lagged
 * recently (`loopLagMs` above a quarter of the answer's time), the answer is not judged.
 */
export class LatencyWatch {
  private readonly routes = new Map<string, { average: number; baseline: number; seen: number }>();

  constructor(
    private readonly options: Pick<AimdOptions, "latencyFactor" | "warmup">,
    private readonly loopLagMs: () => number = () => 0,
  ) {}

  /** The signal one answer gives: slow, or calm. */
  observe(ms: number, route = ""): Signal {
    let r = this.routes.get(route);
    if (!r) this.routes.set(route, (r = { average: ms, baseline: ms, seen: 0 }));
    r.seen += 1;
    r.average = r.seen === 1 ? ms : r.average * 0.9 + ms * 0.1;
    r.baseline = Math.min(r.baseline * 1.001, r.average);
    if (r.seen < this.options.warmup) return { kind: "calm" };
    if (r.average <= r.baseline * this.options.latencyFactor) return { kind: "calm" };
    if (this.loopLagMs() > ms / 4) return { kind: "calm" };
    return { kind: "slow", ms: r.average, baselineMs: r.baseline };
  }
}
