// The door every provider request passes: how many may be in flight at once (across every process
// that shares the database, when there are several), learned from the provider's answers. The
// clients only know this interface; lib/limits implements it.

export interface RequestOutcome {
  /** The HTTP status, or none when no answer came. */
  status?: number;
  ms: number;
}

export interface Permit {
  /** Every permit is released exactly once, with what the request came to. */
  release(outcome: RequestOutcome): void;
}

export interface RequestGate {
  acquire(signal?: AbortSignal): Promise<Permit>;
}

/** No limit at all (tests that exercise the client alone). */
export const OPEN_GATE: RequestGate = {
  acquire: async () => ({ release: () => {} }),
};

/** Runs one request through the gate, reporting its status (or none) and its time. */
export async function throughGate<T extends { status: number }>(
  gate: RequestGate | undefined,
  signal: AbortSignal | undefined,
  send: () => Promise<T>,
): Promise<T> {
  if (!gate) return send();
  const permit = await gate.acquire(signal);
  const started = performance.now();
  try {
    const answer = await send();
    permit.release({ status: answer.status, ms: performance.now() - started });
    return answer;
  } catch (error) {
    permit.release({ ms: performance.now() - started });
    throw error;
  }
}
