import type { ActionResult } from "@/lib/actions/result";
import { JOB_MAX_PARTS, splitIntoParts, type JobPartInput } from "@/lib/jobs/submission";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { BulkRowStore } from "./row-store";

// Sending a bulk list: in parts of at most 10,000 rows and 1.5 MB each (a wide spreadsheet makes
// big rows), one after the other, stopping at the first part refused. Parts already stored are not
// stored twice when the same submission is sent again (the server keys them by submission id).

export type WireRow = JobPartInput["rows"][number];
export type SendPart = (part: JobPartInput) => Promise<ActionResult<{ jobId: string }>>;
export type SubmitOutcome = { ok: true; jobId: string } | { ok: false; text: string; row?: number };

/** The rows as the action takes them: a password only for Z.com; skip only for existing rows. */
export function wireRows(store: BulkRowStore): WireRow[] {
  const zcom = store.provider === "zcom";
  return store.rows().map((r, i) => ({
    firstName: r.firstName,
    lastName: r.lastName,
    localPart: r.localPart,
    ...(zcom ? { password: r.password } : {}),
    skip: r.skip && store.exists(i),
    source: r.source,
  }));
}

export async function submitInParts(
  job: {
    submissionId: string;
    provider: ProviderId;
    domain: string;
    retryOf?: string | undefined;
    rows: WireRow[];
  },
  send: SendPart,
  onSending: (label: string) => void,
): Promise<SubmitOutcome> {
  const parts = splitIntoParts(job.rows);
  if (parts.length > JOB_MAX_PARTS) {
    return {
      ok: false,
      text: `This list is too large to send in one job (${parts.length} parts of 1.5 MB; at most ${JOB_MAX_PARTS}). Remove columns you do not need, or split the list.`,
    };
  }
  const where = (partNo: number) =>
    parts.length > 1 ? `Part ${partNo + 1} of ${parts.length}: ` : "";
  let jobId = "";
  for (const [partNo, part] of parts.entries()) {
    onSending(parts.length > 1 ? `Sending part ${partNo + 1} of ${parts.length}…` : "Submitting…");
    let result: ActionResult<{ jobId: string }>;
    try {
      result = await send({
        submissionId: job.submissionId,
        provider: job.provider,
        domain: job.domain,
        partNo,
        partsTotal: parts.length,
        rowsTotal: job.rows.length,
        firstRow: part.firstRow,
        ...(job.retryOf ? { retryOf: job.retryOf } : {}),
        rows: part.rows,
      } as JobPartInput);
    } catch (error) {
      // The server refused the request itself (too large, unreachable): nothing was stored
      // for this part, and the job does not start until every part is in.
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        text: `${where(partNo)}the server did not take it (${why}). Nothing has started; submit again to send the rest (parts already sent are not sent twice).`,
      };
    }
    if (!result.ok) {
      const first = Object.keys(result.fieldErrors ?? {}).find((k) => k.startsWith("rows."));
      return {
        ok: false,
        text: `${where(partNo)}${result.formError ?? "The job could not be submitted."}`,
        ...(first ? { row: part.firstRow + Number(first.split(".")[1]) } : {}),
      };
    }
    jobId = result.data.jobId;
  }
  return { ok: true, jobId };
}
