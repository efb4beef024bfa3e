"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { failureText, fetchJson, fetchOk } from "@/lib/client/fetch-json";
import type { CredentialAccess } from "@/lib/jobs/exports";
import type { JobSummary } from "@/lib/jobs/query-options";

const linkClass =
  "inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

/** Downloads and "retry failed"; credentials are handed out once, then purged. */
export function JobActions({
  summary,
  canOperate,
  credentials,
  onChanged,
}: {
  summary: JobSummary;
  canOperate: boolean;
  credentials: CredentialAccess;
  onChanged: () => void;
}) {
  const { job, counts } = summary;
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, setPending] = useState(false);
  const [reason, setReason] = useState("");
  const finished = Boolean(job.finishedAt);

  const checkAgain = async () => {
    setPending(true);
    setMessage(undefined);
    let body: { rows?: number };
    try {
      body = await fetchJson(`/api/jobs/${job.id}/check-again`, { method: "POST" });
    } catch (error) {
      setMessage({ tone: "error", text: failureText(error, "The check could not be started.") });
      return;
    } finally {
      setPending(false);
    }
    setMessage({
      tone: "success",
      text: `Checking ${body.rows ?? 0} unconfirmed rows again; nothing is sent.`,
    });
    onChanged();
  };

  const takeCredentials = async () => {
    setPending(true);
    setMessage(undefined);
    let response: Response;
    try {
      response = await fetchOk(`/api/jobs/${job.id}/credentials`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(credentials.kind === "admin" ? { reason } : {}),
      });
    } catch (error) {
      setMessage({ tone: "error", text: failureText(error, "The download failed; try again.") });
      return;
    } finally {
      setPending(false);
    }
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = `job-${job.id.slice(0, 8)}-credentials.csv`;
    a.click();
    URL.revokeObjectURL(url);
    setMessage({
      tone: "success",
      text: "Credentials downloaded. They are no longer stored here: keep the file safe, hand each password over, then delete it.",
    });
    onChanged();
  };

  return (
    <section
      aria-labelledby="actions-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="actions-heading" className="text-lg font-semibold">
        Results
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        <a className={linkClass} href={`/api/jobs/${job.id}/results`} download>
          Download results (CSV)
        </a>
        {counts.failed > 0 ? (
          <a className={linkClass} href={`/api/jobs/${job.id}/failed`} download>
            Download failed rows (CSV)
          </a>
        ) : null}
        {job.provider === "zcom" && canOperate ? (
          job.credentialsDownloadedAt && !summary.credentialsAvailable ? (
            <span className="px-1 py-2 text-sm text-slate-600">
              Credentials were downloaded; they are no longer stored.
            </span>
          ) : credentials.kind === "none" ? (
            <span className="px-1 py-2 text-sm text-slate-600">
              Only {credentials.submittedBy}, who submitted this job, can download its credentials.
            </span>
          ) : (
            <Button
              variant="secondary"
              onClick={takeCredentials}
              disabled={!finished || !summary.credentialsAvailable}
              pending={pending}
              pendingLabel="Preparing…"
              title={!finished ? "Available when the job has finished" : undefined}
            >
              Download credentials (once)
            </Button>
          )
        ) : null}
        {finished && summary.checkable > 0 && canOperate ? (
          <Button variant="secondary" onClick={checkAgain} pending={pending}>
            Check {summary.checkable} unconfirmed again
          </Button>
        ) : null}
        {finished && counts.failed > 0 && canOperate ? (
          <Link
            href={`/bulk?retry=${job.id}`}
            className="inline-flex items-center rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            Retry failed rows…
          </Link>
        ) : null}
      </div>
      {job.provider === "zcom" &&
      canOperate &&
      credentials.kind === "admin" &&
      !job.credentialsDownloadedAt ? (
        <Field
          className="mt-3 max-w-xl"
          label="Why you take them (recorded in the audit trail)"
          hint={`These passwords belong to ${credentials.submittedBy}'s job. An admin may take them with a reason.`}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      ) : null}
      {job.provider === "zcom" && canOperate && credentials.kind !== "none" ? (
        <p className="mt-3 text-sm text-slate-600">
          The credentials file holds each password exactly as set. Open it in a spreadsheet by
          importing it (Excel: Data → From Text/CSV, Password column as Text), not by
          double-clicking: a password that starts with = + - @ would otherwise be read as a formula.
        </p>
      ) : null}
      {job.provider === "hybridbox" ? (
        <p className="mt-3 text-sm text-slate-600">
          Hybridbox creates mailboxes without returning a password; give people access through
          Hybridbox.
        </p>
      ) : null}
      <div className="mt-3">
        <FormMessage tone={message?.tone}>{message?.text}</FormMessage>
      </div>
    </section>
  );
}
