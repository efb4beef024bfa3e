import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/**
 * How late this process's event loop has been over the last second or so (the worst delay, in
 * ms): a provider's answer that arrived while the loop was busy is read late, and must not be
 * taken for a slow provider. One monitor per process, started on first use.
 */
const holder = globalThis as typeof globalThis & {
  __loopLag?: { histogram: IntervalHistogram; resetAt: number; lastMaxMs: number };
};

export function loopLag(): number {
  if (!holder.__loopLag) {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    holder.__loopLag = { histogram, resetAt: Date.now(), lastMaxMs: 0 };
  }
  const state = holder.__loopLag;
  const maxMs = state.histogram.max / 1e6;
  if (Date.now() - state.resetAt > 1_000) {
    state.lastMaxMs = maxMs;
    state.histogram.reset();
    state.resetAt = Date.now();
  }
  // The window just ended counts too, so a stall right before a reset is not forgotten.
  return Math.max(maxMs, state.lastMaxMs);
}
