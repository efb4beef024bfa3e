import type { PublicFailure } from "@/lib/domains/types";
import type { Coded, MessageParams } from "@/lib/i18n/coded";
import type { FailureCode } from "@/lib/providers/types";

// Every failure the console explains, in one catalog (isomorphic): why a job's row was not
// created, and why a read of a provider failed. The provider's own code and message are always
// shown beside these words.

/** The codes a job's row can fail with: the provider's, and the ledger's own. */
export type RowFailureCode =
  | FailureCode
  | "internal_error"
  | "stopped"
  | "not_configured"
  | "held_by_job"
  | "incomplete_submission"
  | "delete_not_supported"
  | "mailbox_gone";

const ROW_REASONS: Readonly<Record<RowFailureCode, string>> = {
  already_exists: "This address already exists on the provider.",
  invalid_local_part: "The provider refused this local part.",
  invalid_password: "The provider refused this password.",
  invalid_name: "The provider refused this name.",
  duplicate_in_request: "The same address appeared twice in one request.",
  quota_exceeded: "The domain has no room for more mailboxes (quota reached).",
  unauthorized: "The provider refused our credentials. Fix the token or API user, then retry.",
  forbidden: "Our credentials lack permission for this at the provider.",
  not_found: "The provider no longer knows this domain.",
  rate_limited: "The provider kept asking us to slow down; it was not created.",
  unavailable: "The provider was unavailable; it was not created.",
  unknown_outcome: "The provider's answer was lost.",
  bad_response: "The provider's answer could not be read.",
  invalid_request: "The provider refused the request.",
  provider_error: "The provider reported an error.",
  internal_error: "The console failed while handling this row.",
  stopped: "The job was stopped before this row was sent.",
  not_configured: "This provider is not configured on the server.",
  held_by_job: "Another job sent this address and could not confirm it; settle it there first.",
  incomplete_submission: "The list did not arrive whole, so none of it was sent.",
  delete_not_supported: "This provider does not allow deleting here.",
  mailbox_gone: "This mailbox no longer exists on the provider.",
};

/** What an unconfirmed row means, whatever lost its answer. */
export const UNCONFIRMED_REASON =
  "Sent, but the answer was lost and the address could not be read to confirm it. It may exist: check again.";

const isRowFailureCode = (code: string): code is RowFailureCode => Object.hasOwn(ROW_REASONS, code);

/** Why a row was not created, in plain words (a code from the ledger, or one we never wrote). */
export function explainFailure(code: string | null | undefined): string {
  if (!code) return "Not created.";
  return isRowFailureCode(code) ? ROW_REASONS[code] : `The provider reported "${code}".`;
}

export interface FailureText {
  /** One sentence: what happened, in plain language (catalog group "readFailure"). */
  title: Coded;
  /** What the admin can do about it. */
  advice: Coded;
  /** "HTTP 503 · code rate_limit", for a report to the provider; empty when there is none. */
  reference: (string | Coded)[];
}

const TIMEOUT = /within \d+ ms/;

/** What to do, for the failures whose advice does not depend on the answer's details. */
const ADVICE = {
  unauthorized: "unauthorizedAdvice",
  forbidden: "forbiddenAdvice",
  not_found: "not_foundAdvice",
  provider_error: "provider_errorAdvice",
  bad_response: "bad_responseAdvice",
  internal: "internalAdvice",
} as const;

/** Plain-language text, as catalog codes, for a failed read of `provider` (its label); isomorphic. */
export function describeFailure(
  failure: PublicFailure,
  provider: string,
  domain?: string,
): FailureText {
  const reference = referenceOf(failure);
  const say = (title: string, advice: string, params: MessageParams = {}): FailureText => ({
    title: { key: `readFailure.${title}`, params: { provider, ...params } },
    advice: { key: `readFailure.${advice}`, params },
    reference,
  });
  const wait = failure.retryAfterSeconds;
  switch (failure.code) {
    case "unknown_domain":
      return say("unknown_domain", "unknown_domainAdvice", { domain: domain ?? "?" });
    case "unauthorized":
    case "forbidden":
    case "not_found":
    case "provider_error":
    case "bad_response":
    case "internal":
      return say(failure.code, ADVICE[failure.code]);
    case "rate_limited":
      return wait
        ? say("rate_limited", "waitThenRetry", { seconds: wait })
        : say("rate_limited", "waitMoment");
    case "unavailable":
      if (failure.detail && TIMEOUT.test(failure.detail)) return say("timeout", "timeoutAdvice");
      return wait
        ? say("unavailable", "unavailableWait", { seconds: wait })
        : say("unavailable", "unavailableAdvice");
    default:
      return say("other", "otherAdvice");
  }
}

function referenceOf(failure: PublicFailure): (string | Coded)[] {
  const parts: (string | Coded)[] = [];
  if (failure.status !== undefined) parts.push(`HTTP ${failure.status}`);
  // Z.com repeats the status as its "code"; saying it twice helps nobody.
  if (failure.providerCode && failure.providerCode !== String(failure.status)) {
    parts.push({ key: "readFailure.refCode", params: { code: failure.providerCode } });
  }
  if (failure.ref) parts.push({ key: "readFailure.refRef", params: { ref: failure.ref } });
  return parts;
}
