import type { PublicFailure } from "./types";

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
