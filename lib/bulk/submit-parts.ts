import type { ActionResult } from "@/lib/actions/result";
import type { Coded } from "@/lib/i18n/coded";
import { JOB_MAX_PARTS, splitIntoParts, type JobPartInput } from "@/lib/jobs/submission";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { BulkRowStore } from "./row-store";

// Sending a bulk list: in parts of at most 10,000 rows and 1.5 MB each (a wide spreadsheet makes
// big rows), one after the other, stopping at the first part refused. Parts already stored are not
// stored twice when the same submission is sent again (the server keys them by submission id).

export type WireRow = JobPartInput["rows"][number];
export type SendPart = (part: JobPartInput) => Promise<ActionResult<{ jobId: string }>>;
/**
 * A refusal, as catalog codes (worded on the page): `message`, and `part` when the list went in
 * several parts ("Part 2 of 3: …").
 */
export type SubmitOutcome =
  | { ok: true; jobId: string }
  | { ok: false; message: Coded; part?: { part: number; parts: number }; row?: number };

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
  onSending: (label: Coded) => void,
): Promise<SubmitOutcome> {
  const parts = splitIntoParts(job.rows);
  if (parts.length > JOB_MAX_PARTS) {
    return {
      ok: false,
      message: { key: "bulk.submit.tooLarge", params: { parts: parts.length, max: JOB_MAX_PARTS } },
    };
  }
  const where = (partNo: number) =>
    parts.length > 1 ? { part: { part: partNo + 1, parts: parts.length } } : {};
  let jobId = "";
  for (const [partNo, part] of parts.entries()) {
    onSending(
      parts.length > 1
        ? { key: "bulk.submit.sendingPart", params: { part: partNo + 1, parts: parts.length } }
        : { key: "bulk.submit.submitting" },
    );
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
        message: { key: "bulk.submit.notTaken", params: { reason: why } },
        ...where(partNo),
      };
    }
    if (!result.ok) {
      const first = Object.keys(result.fieldErrors ?? {}).find((k) => k.startsWith("rows."));
      return {
        ok: false,
        message:
          result.formErrorCode ??
          (result.formError
            ? { key: "bulk.submit.serverSaid", params: { text: result.formError } }
            : { key: "bulk.submit.notSubmitted" }),
        ...where(partNo),
        ...(first ? { row: part.firstRow + Number(first.split(".")[1]) } : {}),
      };
    }
    jobId = result.data.jobId;
  }
  return { ok: true, jobId };
}
