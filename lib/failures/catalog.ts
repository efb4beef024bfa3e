import type { PublicFailure } from "@/lib/domains/types";
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
  | "incomplete_submission";

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
  /** One sentence: what happened, in plain language. */
  title: string;
  /** What the admin can do about it. */
  advice: string;
  /** "HTTP 503 · code rate_limit", for a report to the provider; undefined when there is none. */
  reference?: string;
}

const TIMEOUT = /within \d+ ms/;

/** Plain-language text for a failed read of `provider` (its label); isomorphic. */
export function describeFailure(
  failure: PublicFailure,
  provider: string,
  domain?: string,
): FailureText {
  const reference = referenceOf(failure);
  const withRef = (text: Omit<FailureText, "reference">): FailureText =>
    reference ? { ...text, reference } : text;
  switch (failure.code) {
    case "unknown_domain":
      return withRef({
        title: `${provider} has no domain “${domain ?? "?"}” in this account.`,
        advice:
          "It may have been removed, or the address was mistyped. Pick a domain from the list.",
      });
    case "unauthorized":
      return withRef({
        title: `${provider} refused our credentials.`,
        advice:
          "The token or API user in the server's configuration is wrong, expired or revoked. Whoever runs the console must update it (see “Connecting real provider accounts” in the README).",
      });
    case "forbidden":
      return withRef({
        title: `${provider} accepted our credentials but does not allow this.`,
        advice: "Give the token or API user permission to read domains and mailboxes.",
      });
    case "not_found":
      return withRef({
        title: `${provider} answered “not found”.`,
        advice: "Check the account settings in the server's configuration, then try again.",
      });
    case "rate_limited":
      return withRef({
        title: `${provider} is limiting how often we may ask.`,
        advice: failure.retryAfterSeconds
          ? `Wait ${failure.retryAfterSeconds} s, then try again.`
          : "Wait a moment, then try again.",
      });
    case "unavailable":
      return withRef(
        failure.detail && TIMEOUT.test(failure.detail)
          ? {
              title: `${provider} took too long to answer.`,
              advice: "It may be overloaded or unreachable. Try again in a moment.",
            }
          : {
              title: `${provider} is not available right now.`,
              advice: failure.retryAfterSeconds
                ? `It asked us to wait ${failure.retryAfterSeconds} s; try again then.`
                : "It may be down or unreachable from this server. Try again in a moment.",
            },
      );
    case "provider_error":
      return withRef({
        title: `${provider} had an error on its side.`,
        advice: "This is usually temporary. Try again in a moment.",
      });
    case "bad_response":
      return withRef({
        title: `${provider} sent an answer we could not read.`,
        advice:
          "Its API may have changed. Try again; if it keeps happening, the server log has the details.",
      });
    case "internal":
      return withRef({
        title: "Something went wrong in the console while asking the provider.",
        advice: "Try again; if it keeps happening, give the reference to whoever runs the console.",
      });
    default:
      return withRef({
        title: `${provider} refused the request.`,
        advice: "Try again; if it keeps happening, the details below say what the provider said.",
      });
  }
}

function referenceOf(failure: PublicFailure): string | undefined {
  const parts: string[] = [];
  if (failure.status !== undefined) parts.push(`HTTP ${failure.status}`);
  // Z.com repeats the status as its "code"; saying it twice helps nobody.
  if (failure.providerCode && failure.providerCode !== String(failure.status)) {
    parts.push(`code ${failure.providerCode}`);
  }
  if (failure.ref) parts.push(`reference ${failure.ref}`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}
