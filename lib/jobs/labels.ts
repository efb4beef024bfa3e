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
