import "server-only";
import { createOutcomeFromFailure, failureFromUnknown } from "../errors";
import { describeIssues } from "../wire";
import type { CreateItem, CreateOutcome, ProviderFailure } from "../types";
import { itemFailureCode, toMailbox } from "./mapping";
import { bulkCreatedSchema, bulkFailedSchema } from "./schemas";

// Reading one bulk answer back onto the items that were sent. Every item gets exactly one outcome:
// an entry we cannot read, a clash (an index reported twice) or an index missing altogether makes
// that item `unknown` — it may have been created — and never silently disappears.

interface BulkAnswer {
  created?: readonly unknown[] | null;
  failed?: readonly unknown[] | null;
}

export function mapBulkAnswer(
  items: readonly CreateItem[],
  answer: BulkAnswer,
  context: { label: string; status: number },
): CreateOutcome[] {
  const results = new Array<CreateOutcome | undefined>(items.length).fill(undefined);
  const clashes = new Set<number>();
  const unknown = (detail: string): CreateOutcome => ({
    status: "unknown",
    failure: {
      code: "bad_response",
      errorClass: "ambiguous",
      status: context.status,
      message: `${context.label}: ${detail}; it may have been created`,
    },
  });
  const place = (index: number, outcome: CreateOutcome) => {
    if (index >= items.length) return; // not ours; the item it meant is reported missing below
    if (results[index] === undefined) results[index] = outcome;
    else clashes.add(index);
  };

  for (const raw of answer.created ?? []) {
    const entry = bulkCreatedSchema.safeParse(raw);
    if (!entry.success) {
      const index = readIndex(raw);
      if (index !== undefined) {
        place(
          index,
          unknown(`unreadable result for item ${index} (${describeIssues(entry.error)})`),
        );
      }
      continue;
    }
    const { index, mailbox } = entry.data;
    const sent = items[index];
    if (sent && mailbox.local_part.toLowerCase() !== sent.localPart.toLowerCase()) {
      // The index points at another row: trusting it would report the wrong mailbox as created.
      place(index, unknown(`item ${index} was answered with "${mailbox.local_part}"`));
    } else {
      place(index, { status: "created", mailbox: toMailbox(mailbox) });
    }
  }

  for (const raw of answer.failed ?? []) {
    const entry = bulkFailedSchema.safeParse(raw);
    if (!entry.success) {
      const index = readIndex(raw);
      if (index !== undefined) {
        place(
          index,
          unknown(`unreadable failure for item ${index} (${describeIssues(entry.error)})`),
        );
      }
      continue;
    }
    const { index, code, message } = entry.data;
    const failure: ProviderFailure = {
      code: itemFailureCode(code),
      errorClass: "final",
      message: message?.trim() || `Hybridbox refused this mailbox (${code ?? "no code given"})`,
    };
    if (code != null) failure.providerCode = code;
    place(index, { status: "failed", failure });
  }

  return items.map((item, index) => {
    if (clashes.has(index))
      return unknown(`item ${index} ("${item.localPart}") was reported twice`);
    return results[index] ?? unknown(`no result for item ${index} ("${item.localPart}")`);
  });
}

function readIndex(raw: unknown): number | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const { index } = raw as { index?: unknown };
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : undefined;
}

/**
 * Sends `items` in chunks of `size()`, one after another, and lines the outcomes up with the
 * items. After a chunk fails as a whole, later chunks are not sent: they would meet the same
 * refusal, throttle or outage. Only a refusal of that chunk's content lets the next one go.
 *
 * A request refused as a whole with 413, or 422 (the provider's maximum per request is
 * unpublished, and either may mean "too many items"), created nothing, so it is sent again in two
 * halves. When every part of a split chunk is then answered, the half size is what the provider
 * takes: `learn(size)` keeps it for later chunks. A 422 that was about the content instead ends
 * on the single item it concerns, as that item's failure.
 */
export async function createInChunks(
  items: readonly CreateItem[],
  size: () => number,
  send: (chunk: readonly CreateItem[]) => Promise<CreateOutcome[]>,
  learn: (size: number) => void = () => {},
): Promise<CreateOutcome[]> {
  const outcomes: CreateOutcome[] = [];
  let stopped: ProviderFailure | undefined;

  /** The outcomes of one chunk, and whether every request for it was answered. */
  async function sendChunk(
    chunk: readonly CreateItem[],
  ): Promise<{ outcomes: CreateOutcome[]; answered: boolean }> {
    try {
      const answered = await send(chunk);
      if (answered.length !== chunk.length) throw new Error("one outcome per item expected");
      return { outcomes: answered, answered: true };
    } catch (error) {
      const failure = failureFromUnknown(error);
      if (isTooLarge(failure) && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        const first = await sendChunk(chunk.slice(0, half));
        const second = stopped
          ? { outcomes: chunk.slice(half).map(() => notSent(stopped!)), answered: false }
          : await sendChunk(chunk.slice(half));
        if (first.answered && second.answered) learn(half);
        return { outcomes: [...first.outcomes, ...second.outcomes], answered: false };
      }
      if (failure.status !== 400 && failure.status !== 422) stopped = failure;
      return { outcomes: chunk.map(() => createOutcomeFromFailure(failure)), answered: false };
    }
  }

  for (let start = 0; start < items.length;) {
    const chunk = items.slice(start, start + size());
    start += chunk.length;
    if (stopped) {
      outcomes.push(...chunk.map(() => notSent(stopped!)));
      continue;
    }
    outcomes.push(...(await sendChunk(chunk)).outcomes);
  }
  return outcomes;
}

function isTooLarge(failure: ProviderFailure): boolean {
  return failure.status === 413 || failure.status === 422;
}

function notSent(cause: ProviderFailure): CreateOutcome {
  return { status: "failed", failure: notSentFailure(cause) };
}

/** What the rows of a chunk that was never sent report, given why sending stopped. */
function notSentFailure(cause: ProviderFailure): ProviderFailure {
  const failure: ProviderFailure = {
    // A refusal (401/403/404) would refuse these too; anything else just means "try later".
    code:
      cause.errorClass === "final"
        ? cause.code
        : cause.code === "rate_limited"
          ? "rate_limited"
          : "unavailable",
    errorClass: cause.errorClass === "final" ? "final" : "retryable",
    message: `Not sent, because an earlier request for this list failed: ${cause.message}`,
  };
  if (cause.retryAfterMs !== undefined) failure.retryAfterMs = cause.retryAfterMs;
  return failure;
}
