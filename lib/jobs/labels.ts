// The words for each row and job state (isomorphic: pages and CSV exports).

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

/** What a row's `created` state means in a job that changes mailboxes that exist ("changes" keys). */
export const DONE_KEYS = {
  delete: "doneDelete",
  reset_password: "doneReset",
  update_names: "doneNames",
} as const;

export const DONE_LABELS: Record<keyof typeof DONE_KEYS, string> = {
  delete: "Deleted",
  reset_password: "Password set",
  update_names: "Renamed",
};
