// The door every provider request passes: how many may be in flight at once (across every process
// that shares the database, when there are several), learned from the provider's answers. The
// clients only know this interface; lib/limits implements it.

export interface RequestOutcome {
  /** The HTTP status, or none when no answer came. */
  status?: number;
  ms: number;
  /** The route as a template, e.g. `POST /mailboxes/bulk`, `GET /v1/emails/{id}` (metrics). */
  route?: string;
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

/**
 * A request's route with its identifiers taken out, so a label names a route, not a mailbox:
 * the segment after `mailboxes` or `emails` (other than `bulk`) becomes `{id}`.
 */
export function routeTemplate(method: string, path: string): string {
  const segments = path.split("?")[0]!.split("/");
  const out = segments.map((segment, i) =>
    i > 0 && ["mailboxes", "emails"].includes(segments[i - 1]!) && segment !== "bulk"
      ? "{id}"
      : segment,
  );
  return `${method} ${out.join("/")}`;
}

/** Runs one request through the gate, reporting its status (or none), its time and route. */
export async function throughGate<T extends { status: number }>(
  gate: RequestGate | undefined,
  signal: AbortSignal | undefined,
  send: () => Promise<T>,
  route?: string,
): Promise<T> {
  if (!gate) return send();
  const permit = await gate.acquire(signal);
  const started = performance.now();
  const labels = route ? { route } : {};
  try {
    const answer = await send();
    permit.release({ status: answer.status, ms: performance.now() - started, ...labels });
    return answer;
  } catch (error) {
    permit.release({ ms: performance.now() - started, ...labels });
    throw error;
  }
}
