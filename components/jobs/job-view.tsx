"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useErrorText } from "@/components/i18n/use-message-text";
import { invalidateDomain } from "@/lib/domains/query-options";
import { jobProgressQuery } from "@/lib/jobs/query-options";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { CredentialAccess } from "@/lib/jobs/exports";
import { UndoJob } from "@/components/changes/undo-job";
import { JobActions } from "./job-actions";
import { JobLinks } from "./job-links";
import { JobProgressPanel } from "./job-progress";
import { JobResultsTable } from "./job-results-table";

/** The live job: polled every second until it finishes (a reload picks up where it was). */
export function JobView({
  jobId,
  canOperate,
  canAdmin = false,
  credentials,
}: {
  jobId: string;
  canOperate: boolean;
  /** May delete (and so undo a creation job). */
  canAdmin?: boolean;
  credentials: CredentialAccess;
}) {
  const t = useTranslations("job");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { data, error, refetch } = useQuery(jobProgressQuery(jobId));
  const finished = Boolean(data?.summary.job.finishedAt);
  const wasFinished = useRef(finished);

  const provider = data?.summary.job.provider as ProviderId | undefined;
  const domain = data?.summary.job.domain;
  useEffect(() => {
    // Mailboxes appeared on the domain: its lists must be read again.
    if (finished && !wasFinished.current && provider && domain) {
      void invalidateDomain(queryClient, provider, domain);
    }
    wasFinished.current = finished;
  }, [finished, queryClient, provider, domain]);

  if (!data) {
    return (
      <p role="alert">{error ? t("loadFailed", { message: errorText(error) }) : t("loading")}</p>
    );
  }
  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("livePaused", { message: errorText(error) })}{" "}
          <button type="button" className="underline" onClick={() => void refetch()}>
            {t("tryAgain")}
          </button>
        </p>
      ) : null}
      <JobLinks summary={data.summary} />
      <JobProgressPanel summary={data.summary} />
      <JobActions
        summary={data.summary}
        canOperate={canOperate}
        credentials={credentials}
        onChanged={() => void refetch()}
      />
      {canAdmin &&
      finished &&
      data.summary.job.kind === "create" &&
      data.summary.counts.created > 0 &&
      !data.summary.undoneBy ? (
        <UndoJob jobId={jobId} />
      ) : null}
      <JobResultsTable rows={data.rows} kind={data.summary.job.kind} />
    </div>
  );
}
