import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { open } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs, type JobKind } from "@/lib/db/schema";
import { CSV_BOM as BOM, csvLine } from "@/lib/csv";
import { explainFailure } from "@/lib/failures/catalog";
import { DONE_LABELS, STATE_LABELS } from "./labels";

/** The results file's columns, by their name in the catalog ("resultsCsv"). */
const RESULT_COLUMNS = [
  "row",
  "address",
  "firstName",
  "lastName",
  "state",
  "reason",
  "code",
  "providerStatus",
  "providerMessage",
  "checkedByReading",
  "mailboxId",
] as const;
export type ResultsWord = (typeof RESULT_COLUMNS)[number] | "yes";

/** How the results file words its headers, states and reasons: the admin's locale. */
export interface ResultsWords {
  word: (name: ResultsWord) => string;
  /** `kind`: a change job's `created` is worded as what it did (Deleted…). */
  state: (state: string, kind?: JobKind) => string;
  reason: (code: string | null) => string;
}

const ENGLISH_RESULTS: Record<ResultsWord, string> = {
  row: "Row",
  address: "Address",
  firstName: "First name",
  lastName: "Last name",
  state: "State",
  reason: "Reason",
  code: "Code",
  providerStatus: "Provider status",
  providerMessage: "Provider message",
  checkedByReading: "Checked by reading",
  mailboxId: "Mailbox id",
  yes: "yes",
};

const ENGLISH: ResultsWords = {
  word: (name) => ENGLISH_RESULTS[name],
  state: (state, kind = "create") =>
    kind !== "create" && state === "created" ? DONE_LABELS[kind] : (STATE_LABELS[state] ?? state),
  reason: explainFailure,
};

export async function resultsCsv(
  db: Db,
  jobId: string,
  words: ResultsWords = ENGLISH,
): Promise<string | null> {
  const [job] = await db
    .select({ id: jobs.id, kind: jobs.kind })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  if (!job) return null;
  const rows = await db
    .select()
    .from(jobRows)
    .where(eq(jobRows.jobId, jobId))
    .orderBy(asc(jobRows.rowNo));
  let out = BOM + csvLine(RESULT_COLUMNS.map(words.word));
  for (const r of rows) {
    const failed = r.state === "failed";
    out += csvLine([
      r.rowNo + 1,
      r.address,
      r.firstName,
      r.lastName,
      words.state(r.state, job.kind),
      failed ? words.reason(r.errorCode) : "",
      failed ? r.errorCode : "",
      failed ? r.errorStatus : "",
      failed ? r.errorMessage : "",
      r.verified ? words.word("yes") : "",
      r.mailboxId ?? "",
    ]);
  }
  return out;
}

/** The failed-rows file's error column header and reasons (English unless a route words them). */
export interface FailedWords {
  error: string;
  reason: (code: string | null) => string;
}

/** The failed rows in the columns the admin pasted, plus why each failed: fix and paste back. */
export async function failedRowsCsv(
  db: Db,
  jobId: string,
  words: FailedWords = { error: "Error", reason: explainFailure },
): Promise<string | null> {
  const [job] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  const rows = await db
    .select()
    .from(jobRows)
    .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, "failed")))
    .orderBy(asc(jobRows.rowNo));
  const headers: string[] = [];
  for (const r of rows) for (const [key] of r.input) if (!headers.includes(key)) headers.push(key);
  const columns = headers.length > 0 ? headers : ["First name", "Last name", "Local part"];
  let out = BOM + csvLine([...columns, words.error]);
  for (const r of rows) {
    const cells =
      headers.length > 0
        ? columns.map((h) => r.input.find(([key]) => key === h)?.[1] ?? "")
        : [r.firstName, r.lastName, r.localPart];
    out += csvLine([
      ...cells,
      `${words.reason(r.errorCode)} (${r.errorCode}${r.errorMessage ? `: ${r.errorMessage}` : ""})`,
    ]);
  }
  return out;
}

export type CredentialsResult =
  { ok: true; csv: string; count: number } | { ok: false; status: number; error: string };

export interface CredentialsTaker {
  id: string;
  email: string;
  role: string;
}

/** An admin who takes someone else's credentials says why (kept in the audit trail). */
export const credentialsReasonSchema = z
  .string()
  .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim())
  .pipe(z.string().min(10, "Say in a few words why you take them").max(500));

/** What the job page offers: the download, the download with a reason, or who to ask. */
export type CredentialAccess =
  { kind: "submitter" } | { kind: "admin" | "none"; submittedBy: string };

export async function credentialAccess(
  db: Db,
  jobId: string,
  user: { id: string; role: string },
): Promise<CredentialAccess> {
  const [job] = await db
    .select({ createdBy: jobs.createdBy, createdByEmail: jobs.createdByEmail })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  if (!job || job.createdBy === user.id) return { kind: "submitter" };
  return { kind: user.role === "admin" ? "admin" : "none", submittedBy: job.createdByEmail };
}

/**
 * Who may take a job's credentials: the person who submitted it, or an admin who gives a reason.
 * Anyone else is refused before anything is read, so the passwords stay for the submitter.
 */
function mayTake(
  job: { createdBy: string; createdByEmail: string },
  actor: CredentialsTaker,
  reason: string | undefined,
): { ok: true; reason?: string } | { ok: false; status: number; error: string } {
  if (actor.id === job.createdBy) return { ok: true };
  if (actor.role !== "admin") {
    return {
      ok: false,
      status: 403,
      error: `Only ${job.createdByEmail}, who submitted this job, can take its credentials (or an admin, with a reason).`,
    };
  }
  const parsed = credentialsReasonSchema.safeParse(reason ?? "");
  if (!parsed.success) {
    return {
      ok: false,
      status: 403,
      error: `These are ${job.createdByEmail}'s credentials: say why you take them (at least 10 characters); it is recorded.`,
    };
  }
  return { ok: true, reason: parsed.data };
}

/**
 * The generated (and typed) passwords of the created mailboxes, handed out once to the job's
 * submitter (or an admin with an audited reason): the same transaction that marks the download
 * purges them from the database.
 */
export async function takeCredentials(
  db: Db,
  key: Uint8Array,
  jobId: string,
  actor: CredentialsTaker,
  options: { reason?: string | undefined },
  ip: string | null,
): Promise<CredentialsResult> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return { ok: false, status: 404, error: "No such job." };
  if (job.provider !== "zcom") {
    return {
      ok: false,
      status: 400,
      error: "Hybridbox returns no passwords; there are none to download.",
    };
  }
  const allowed = mayTake(job, actor, options.reason);
  if (!allowed.ok) return allowed;
  if (!job.finishedAt) return { ok: false, status: 409, error: "Wait until the job has finished." };
  const result = await db.transaction(async (tx) => {
    // Each row's password once: rows are locked as they are taken, so two downloads at once hand
    // out each password to one of them only. A row that a later check settles as created adds
    // itself to the next download.
    const rows = await tx
      .select()
      .from(jobRows)
      .where(
        and(
          eq(jobRows.jobId, jobId),
          eq(jobRows.state, "created"),
          isNotNull(jobRows.passwordEnc),
          isNull(jobRows.passwordTakenAt),
          // The mailbox may have been made with an earlier job's password: never hand out ours.
          eq(jobRows.passwordLost, false),
        ),
      )
      .orderBy(asc(jobRows.rowNo))
      .for("update", { skipLocked: true });
    if (rows.length === 0) {
      return {
        ok: false as const,
        status: 410,
        error:
          "No credentials are stored for this job: they were downloaded already, or a later job replaced them (the rows say which).",
      };
    }
    let csv = BOM + csvLine(["Address", "Password", "Generated"]);
    for (const r of rows) {
      csv += csvLine([
        r.address,
        // Exact: a formula guard would change the password, and the stored copy is purged now.
        { exact: open(r.passwordEnc!, key, `${jobId}:${r.rowNo}`) },
        r.passwordGenerated ? "yes" : "no",
      ]);
    }
    await tx
      .update(jobRows)
      .set({ passwordEnc: null, passwordPurgedAt: new Date(), passwordTakenAt: new Date() })
      .where(
        inArray(
          jobRows.id,
          rows.map((r) => r.id),
        ),
      );
    await tx.update(jobs).set({ credentialsDownloadedAt: new Date() }).where(eq(jobs.id, jobId));
    return { ok: true as const, csv, count: rows.length };
  });
  // After the commit: on PGlite a query outside an open transaction waits for it to end.
  if (result.ok) {
    await recordAudit({
      action: "job.credentials_downloaded",
      actor: { id: actor.id, email: actor.email },
      provider: job.provider,
      domain: job.domain,
      target: jobId,
      details: {
        passwords: result.count,
        ...(allowed.reason ? { reason: allowed.reason, submittedBy: job.createdByEmail } : {}),
      },
      ip,
    });
  }
  return result;
}
