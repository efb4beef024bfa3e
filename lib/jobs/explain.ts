/**
 * Plain-language reasons for each failure code (isomorphic: the job page and the CSV exports use
 * them). The provider's own code and message are always shown beside it.
 */
const REASONS: Record<string, string> = {
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

export function explainFailure(code: string | null | undefined): string {
  if (!code) return "Not created.";
  return REASONS[code] ?? `The provider reported "${code}".`;
}

export const STATE_LABELS: Record<string, string> = {
  pending: "Waiting",
  waiting: "Waiting for another job",
  check: "Checking",
  sending: "Sending",
  unknown: "Checking",
  verifying: "Checking",
  created: "Created",
  failed: "Failed",
  unconfirmed: "Unconfirmed",
  skipped: "Skipped",
};

export const JOB_STATE_LABELS: Record<string, string> = {
  receiving: "Receiving",
  queued: "Queued",
  preflight: "Reading the domain",
  running: "Running",
  done: "Done",
  stopped: "Stopped",
  cancelled: "Cancelled",
};
