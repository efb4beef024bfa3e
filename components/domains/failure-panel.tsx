"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { describeFailure } from "@/lib/failures/catalog";
import type { PublicFailure } from "@/lib/domains/types";

/**
 * A provider read that failed, said plainly: what happened, what to do, the provider's status
 * and code for a support ticket, its own words folded away, and Retry. Never a stack trace.
 */
export function FailurePanel({
  failure,
  providerLabel,
  domain,
  onRetry,
  retrying,
}: {
  failure: PublicFailure;
  providerLabel: string;
  domain?: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  const t = useTranslations("readFailure");
  const word = useMessageText();
  const text = describeFailure(failure, providerLabel, domain);
  const reference = text.reference
    .map((part) => (typeof part === "string" ? part : word(part.key, part)))
    .join(" · ");
  return (
    <div role="alert" className="rounded-md bg-red-50 p-4 text-sm ring-1 ring-red-200">
      <p className="font-semibold text-red-900">{word(text.title.key, text.title)}</p>
      <p className="mt-1 text-red-800">{word(text.advice.key, text.advice)}</p>
      {reference ? <p className="mt-1 font-mono text-xs text-red-800">{reference}</p> : null}
      {failure.detail ? (
        <details className="mt-2 text-xs text-red-900">
          <summary className="cursor-pointer">{t("whatSaid", { provider: providerLabel })}</summary>
          <p className="mt-1 font-mono break-words">{failure.detail}</p>
        </details>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {failure.code === "unknown_domain" ? (
          <Link href="/domains" className="font-medium text-blue-800 underline">
            {t("backToDomains")}
          </Link>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          onClick={onRetry}
          pending={retrying}
          pendingLabel={t("retrying")}
        >
          {t("retry")}
        </Button>
      </div>
    </div>
  );
}

/** A failure of the console itself (the session ended, our server failed), with Retry. */
export function ConsoleErrorPanel({
  message,
  onRetry,
  retrying,
}: {
  message: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  const t = useTranslations("readFailure");
  return (
    <div role="alert" className="rounded-md bg-red-50 p-4 text-sm ring-1 ring-red-200">
      <p className="font-semibold text-red-900">{t("consoleFailed")}</p>
      <p className="mt-1 text-red-800">{message}</p>
      <Button
        type="button"
        variant="secondary"
        className="mt-3"
        onClick={onRetry}
        pending={retrying}
        pendingLabel={t("retrying")}
      >
        {t("retry")}
      </Button>
    </div>
  );
}
