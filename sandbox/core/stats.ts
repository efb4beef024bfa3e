export type FaultKind =
  "latency" | "resetBefore" | "error" | "resetAfter" | "hang" | "errorAfter" | "unauthorized";

export interface StatsSnapshot {
  /** Provider requests seen per route, e.g. `"POST /v1/emails"`; admin calls are not counted. */
  requests: Record<string, number>;
  requestsTotal: number;
  /** Responses actually written, per status (a reset or a client gone before a hang ends writes none). */
  responses: Record<string, number>;
  /** Creates applied per address: any value above 1 means an address was created twice. */
  createsByAddress: Record<string, number>;
  createsTotal: number;
  /**
   * Create requests per address they name (Hybridbox `POST /mailboxes` and each item of
   * `POST /mailboxes/bulk`; Z.com `POST /v1/emails`), whatever became of them: applied, refused
   * as existing (409 / `mailbox_exists`), rejected for any other reason, or turned away before
   * the work (then also in `createAttemptsRefused`). Counted once the body has been read.
   */
  createAttemptsByAddress: Record<string, number>;
  createAttemptsTotal: number;
  /**
   * Of those, the attempts made while the address already existed (taken by a mailbox, or on
   * Hybridbox by an alias of one) when the request arrived: a client that resends blindly
   * instead of reading first shows up here. Includes attempts then refused before the work.
   */
  createAttemptsOnExisting: Record<string, number>;
  /**
   * Of those, the attempts that never reached the provider's work: turned away by a limit
   * (429/503), by `unauthorizedAfter`, by an injected error or `resetBefore`, or because the
   * client left (or the sandbox closed) during injected latency.
   */
  createAttemptsRefused: Record<string, number>;
  inFlight: number;
  /** Most provider requests open at once (including ones then answered with 429/503). */
  inFlightPeak: number;
  /** Responses sent because of maxInFlight / ratePerSecond. */
  limited: { total: number; status429: number; status503: number };
  faults: Record<FaultKind, number>;
}

const noFaults = (): Record<FaultKind, number> => ({
  latency: 0,
  resetBefore: 0,
  error: 0,
  resetAfter: 0,
  hang: 0,
  errorAfter: 0,
  unauthorized: 0,
});

/** Counters a test reads through GET /__sandbox/stats to prove what the client did. */
export class SandboxStats {
  private requests = new Map<string, number>();
  private responses = new Map<string, number>();
  private creates = new Map<string, number>();
  private attempts = new Map<string, number>();
  private attemptsOnExisting = new Map<string, number>();
  private attemptsRefused = new Map<string, number>();
  private inFlight = 0;
  private inFlightPeak = 0;
  private limited = { total: 0, status429: 0, status503: 0 };
  private faults = noFaults();

  /** Counts a request that takes no part in the in-flight figures (Z.com identity). */
  counted(routeKey: string): void {
    bump(this.requests, routeKey);
  }

  requestStarted(routeKey: string): () => void {
    bump(this.requests, routeKey);
    this.inFlight += 1;
    this.inFlightPeak = Math.max(this.inFlightPeak, this.inFlight);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
    };
  }

  responded(status: number): void {
    bump(this.responses, String(status));
  }

  limitedWith(status: 429 | 503): void {
    this.limited.total += 1;
    if (status === 429) this.limited.status429 += 1;
    else this.limited.status503 += 1;
  }

  fault(kind: FaultKind): void {
    this.faults[kind] += 1;
  }

  created(address: string): void {
    bump(this.creates, address.toLowerCase());
  }

  /** One create attempt naming `address` (see StatsSnapshot.createAttemptsByAddress). */
  createAttempted(address: string, existed: boolean): void {
    const key = address.toLowerCase();
    bump(this.attempts, key);
    if (existed) bump(this.attemptsOnExisting, key);
  }

  /** The attempt for `address` was turned away before the work. */
  createRefused(address: string): void {
    bump(this.attemptsRefused, address.toLowerCase());
  }

  /** Requests still open keep counting down after a reset, so the peak restarts from them. */
  reset(): void {
    this.requests.clear();
    this.responses.clear();
    this.creates.clear();
    this.attempts.clear();
    this.attemptsOnExisting.clear();
    this.attemptsRefused.clear();
    this.inFlightPeak = this.inFlight;
    this.limited = { total: 0, status429: 0, status503: 0 };
    this.faults = noFaults();
  }

  snapshot(): StatsSnapshot {
    const createsByAddress = Object.fromEntries(this.creates);
    return {
      requests: Object.fromEntries(this.requests),
      requestsTotal: sum(this.requests),
      responses: Object.fromEntries(this.responses),
      createsByAddress,
      createsTotal: sum(this.creates),
      createAttemptsByAddress: Object.fromEntries(this.attempts),
      createAttemptsTotal: sum(this.attempts),
      createAttemptsOnExisting: Object.fromEntries(this.attemptsOnExisting),
      createAttemptsRefused: Object.fromEntries(this.attemptsRefused),
      inFlight: this.inFlight,
      inFlightPeak: this.inFlightPeak,
      limited: { ...this.limited },
      faults: { ...this.faults },
    };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sum(map: Map<string, number>): number {
  let total = 0;
  for (const value of map.values()) total += value;
  return total;
}
