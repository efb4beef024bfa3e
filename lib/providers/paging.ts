import "server-only";
import { ProviderError } from "./errors";
import type { ProviderFailure } from "./types";

// Reading lists whatever page size a provider chooses. Only what each answer says about itself is
// trusted: how many items came, and the total. The page size we asked for, the page size the
// provider echoes, and the order are never relied on.

export interface Slice<T> {
  items: T[];
  total: number;
}

/** Stops a list whose total keeps growing (or a provider that never says it is done). */
const MAX_REQUESTS = 20_000;

/**
 * Items [offset, offset + limit) of an offset/limit list (Z.com). A provider that silently caps
 * `limit` answers fewer: the next request starts where the answer ended.
 */
export async function readOffsetRange<T>(
  fetch: (offset: number, limit: number) => Promise<Slice<T>>,
  offset: number,
  limit: number,
): Promise<Slice<T>> {
  const items: T[] = [];
  let total = 0;
  for (let requests = 0; items.length < limit && requests < MAX_REQUESTS; requests++) {
    const answer = await fetch(offset + items.length, limit - items.length);
    total = answer.total;
    items.push(...answer.items.slice(0, limit - items.length));
    if (answer.items.length === 0 || offset + items.length >= total) break;
  }
  return { items, total };
}

/**
 * What a page-number list (Hybridbox) has shown of its real page size, learned per client.
 * A provider that caps `page_size` may count pages in the size it was asked for or in its own:
 * the two readings agree on page 1 only, and for page sizes it honours. Past page 1 an answer
 * can look right by its count and still be another window of the list, so pages past the first
 * are asked only in a size page 1 has been seen to honour.
 */
export class PageGeometry {
  /** Largest page size the provider may honour; Infinity until it has capped one. */
  cap = Number.POSITIVE_INFINITY;
  /** Largest page size it has been seen to honour (a full page 1). */
  proven = 0;

  sizeFor(preferred: number): number {
    return Math.max(1, Math.min(preferred, this.cap));
  }
}

/**
 * Items [offset, offset + limit) of a page-number list, whatever page size the provider serves.
 * Page 1 in a size not yet seen honoured is read first (a probe); an answer short of what the
 * total says must be there teaches the cap, and a short page past the first is read again in the
 * smaller size (its items may be from another window).
 */
export async function readPagedRange<T>(
  fetch: (page: number, pageSize: number) => Promise<Slice<T>>,
  geometry: PageGeometry,
  offset: number,
  limit: number,
  preferredSize = limit,
): Promise<Slice<T>> {
  const items: T[] = [];
  let total = 0;
  let position = offset;
  for (let requests = 0; items.length < limit && requests < MAX_REQUESTS; requests++) {
    const size = geometry.sizeFor(preferredSize);
    const wanted = Math.floor(position / size) + 1;
    const page = wanted > 1 && size > geometry.proven ? 1 : wanted;
    const start = (page - 1) * size;
    const answer = await fetch(page, size);
    total = answer.total;
    const received = answer.items.length;
    const expected = Math.min(size, Math.max(0, total - start));
    if (received > 0 && received < expected) {
      geometry.cap = received;
      geometry.proven = Math.min(geometry.proven, received);
      if (page !== 1) continue;
      geometry.proven = received;
    } else if (page === 1 && received === expected && total >= size) {
      geometry.proven = Math.max(geometry.proven, size);
    }
    if (received === 0) break;
    const from = position - start;
    if (from < received) {
      const taken = answer.items.slice(from, from + (limit - items.length));
      items.push(...taken);
      position += taken.length;
    } else if (page === wanted) {
      break; // the list ends before `position` (it shrank while being read)
    }
    if (position >= total) break;
  }
  return { items, total };
}

/**
 * One read that waits out "not now" answers (429, 503: Retry-After, or a short backoff) for at
 * most `budgetMs` in all, then gives the last one up to the caller. For a page an admin waits on.
 */
export async function patiently<T>(
  read: () => Promise<T>,
  budgetMs: number,
  signal?: AbortSignal,
  timing: ScanTiming = realTiming,
): Promise<T> {
  let waited = 0;
  for (let tries = 1; ; tries++) {
    try {
      return await read();
    } catch (error) {
      const failure = error instanceof ProviderError ? error.failure : undefined;
      if (!isNotNow(failure)) throw error;
      const wait = failure.retryAfterMs ?? Math.min(2_000, 200 * 2 ** tries);
      if (waited + wait > budgetMs) throw error;
      waited += wait;
      await timing.sleep(wait, signal);
    }
  }
}

export interface ScanOptions {
  signal?: AbortSignal | undefined;
  /**
   * Longest total time to wait for "not now" answers (429, 503, connection refused) while reading
   * a whole list. Past it the last such failure is thrown. Default 60 s.
   */
  waitBudgetMs?: number | undefined;
  /** Items per request asked for (the provider may answer fewer). */
  pageSize?: number;
}

export interface ScanTiming {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

const realTiming: ScanTiming = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason as Error);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
  random: Math.random,
};

/**
 * Whether the provider answered "not now" (429, 503): safe to ask again later. A connection that
 * was refused or timed out is not such an answer: nobody said when to come back.
 */
export function isNotNow(failure: ProviderFailure | undefined): failure is ProviderFailure {
  return (
    !!failure &&
    failure.errorClass === "retryable" &&
    failure.status !== undefined &&
    (failure.code === "rate_limited" || failure.code === "unavailable")
  );
}

/** The connection broke after the request went out, with no answer at all. */
function isDroppedConnection(failure: ProviderFailure | undefined): boolean {
  return !!failure && failure.status === undefined && failure.errorClass === "ambiguous";
}

/**
 * A whole list, request by request: the next offset is the number of items received so far, and
 * the list ends at its total or at an empty answer. Items seen before (the list shifted while it
 * was read) are not yielded twice. A "not now" answer is waited out (Retry-After, or a growing
 * backoff) and the read resumes where it stopped; after one, requests are spaced a little, and the
 * spacing shrinks again while answers come. Bounded by `waitBudgetMs`.
 */
export async function* scanList<T>(
  read: (offset: number, limit: number) => Promise<Slice<T>>,
  idOf: (item: T) => string,
  options: ScanOptions = {},
  timing: ScanTiming = realTiming,
): AsyncGenerator<T[], void, undefined> {
  const pageSize = options.pageSize ?? 100;
  const budget = options.waitBudgetMs ?? 60_000;
  const seen = new Set<string>();
  let offset = 0;
  let waited = 0;
  let gapMs = 0;
  let refusals = 0;
  let dropped = 0;
  for (let requests = 0; requests < MAX_REQUESTS; requests++) {
    if (gapMs > 0) await timing.sleep(gapMs, options.signal);
    let answer: Slice<T>;
    try {
      answer = await read(offset, pageSize);
    } catch (error) {
      const failure = error instanceof ProviderError ? error.failure : undefined;
      // A read is safe to repeat: a connection dropped under it (a keep-alive socket the server
      // was closing) is asked again at once, twice at most in a row.
      if (isDroppedConnection(failure) && dropped < 2) {
        dropped += 1;
        continue;
      }
      if (!isNotNow(failure)) throw error;
      refusals += 1;
      const backoff = Math.min(10_000, 250 * 2 ** Math.min(refusals, 6));
      const wait =
        failure.retryAfterMs ?? Math.floor(backoff / 2 + timing.random() * (backoff / 2));
      if (waited + wait > budget) throw error;
      waited += wait;
      gapMs = Math.min(2_000, Math.max(gapMs * 2, 100));
      await timing.sleep(wait, options.signal);
      continue;
    }
    refusals = 0;
    dropped = 0;
    gapMs = gapMs > 0 ? Math.floor(gapMs * 0.8) : 0;
    if (gapMs < 20) gapMs = 0;
    const fresh: T[] = [];
    for (const item of answer.items) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push(item);
    }
    if (fresh.length > 0) yield fresh;
    offset += answer.items.length;
    if (answer.items.length === 0 || offset >= answer.total) return;
  }
}
