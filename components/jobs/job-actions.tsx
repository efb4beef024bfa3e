"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useMessageText } from "@/components/i18n/use-message-text";
import { failureCode, failureText, fetchJson, fetchOk } from "@/lib/client/fetch-json";
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
  const t = useTranslations("jobActions");
  const text = useMessageText();
  const failed = (error: unknown, fallback: string) =>
    text(failureText(error, fallback), failureCode(error)) ?? fallback;
  const { job, counts } = summary;
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, setPending] = useState(false);
  const [reason, setReason] = useState("");
  const finished = Boolean(job.finishedAt);
  // Passwords are handed out by Z.com creation jobs and by password resets.
  const hasCredentials =
    job.provider === "zcom" && (job.kind === "create" || job.kind === "reset_password");

  const checkAgain = async () => {
    setPending(true);
    setMessage(undefined);
    let body: { rows?: number };
    try {
      body = await fetchJson(`/api/jobs/${job.id}/check-again`, { method: "POST" });
    } catch (error) {
      setMessage({ tone: "error", text: failed(error, t("checkFailed")) });
      return;
    } finally {
      setPending(false);
    }
    setMessage({
      tone: "success",
      text: t("checkStarted", { count: body.rows ?? 0 }),
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
      setMessage({ tone: "error", text: failed(error, t("downloadFailedRetry")) });
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
      text: t("downloaded"),
    });
    onChanged();
  };

  return (
    <section
      aria-labelledby="actions-heading"
      className="rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="actions-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        <a className={linkClass} href={`/api/jobs/${job.id}/results`} download>
          {t("downloadResults")}
        </a>
        {counts.failed > 0 ? (
          <a className={linkClass} href={`/api/jobs/${job.id}/failed`} download>
            {t("downloadFailed")}
          </a>
        ) : null}
        {hasCredentials && canOperate ? (
          job.credentialsDownloadedAt && !summary.credentialsAvailable ? (
            <span className="px-1 py-2 text-sm text-slate-600">{t("credentialsGone")}</span>
          ) : finished && !summary.credentialsAvailable ? (
            // Nothing to hand out: no row made a mailbox with a password, or later jobs replaced
            // every one (each row says which).
            <span className="px-1 py-2 text-sm text-slate-600">{t("credentialsNone")}</span>
          ) : credentials.kind === "none" ? (
            <span className="px-1 py-2 text-sm text-slate-600">
              {t("credentialsOnlySubmitter", { email: credentials.submittedBy })}
            </span>
          ) : (
            <Button
              variant="secondary"
              onClick={takeCredentials}
              disabled={!finished || !summary.credentialsAvailable}
              pending={pending}
              pendingLabel={t("preparing")}
              title={!finished ? t("availableWhenFinished") : undefined}
            >
              {t("downloadCredentials")}
            </Button>
          )
        ) : null}
        {finished && summary.checkable > 0 && canOperate && job.kind === "create" ? (
          <Button variant="secondary" onClick={checkAgain} pending={pending}>
            {t("checkAgain", { count: summary.checkable })}
          </Button>
        ) : null}
        {finished && counts.failed > 0 && canOperate && job.kind === "create" ? (
          <Link
            href={`/bulk?retry=${job.id}`}
            className="inline-flex items-center rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            {t("retryFailed")}
          </Link>
        ) : null}
      </div>
      {job.provider === "zcom" &&
      canOperate &&
      credentials.kind === "admin" &&
      !job.credentialsDownloadedAt ? (
        <Field
          className="mt-3 max-w-xl"
          label={t("reasonLabel")}
          hint={t("reasonHint", { email: credentials.submittedBy })}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      ) : null}
      {hasCredentials && canOperate && credentials.kind !== "none" ? (
        <p className="mt-3 text-sm text-slate-600">{t("csvNote")}</p>
      ) : null}
      {job.provider === "hybridbox" ? (
        <p className="mt-3 text-sm text-slate-600">{t("hybridboxNote")}</p>
      ) : null}
      <div className="mt-3">
        <FormMessage tone={message?.tone}>{message?.text}</FormMessage>
      </div>
    </section>
  );
}
