"use client";

import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import type { Coded } from "@/lib/i18n/coded";
import { useAnyRowChange, useRowStore } from "./bulk-rows-context";

// Each re-renders on any change to the rows (a keystroke) and reads counts the store keeps, so a
// keystroke in a 10,000-row list costs them no walk over every row.

export function AttentionLine({ note }: { note?: Coded | undefined }) {
  const t = useTranslations("bulk.summary");
  const words = useMessageText();
  const store = useRowStore();
  useAnyRowChange(store);
  const { blocked, suggested } = store.plan();
  return (
    <p aria-live="polite" className="text-sm text-slate-600">
      {blocked > 0
        ? t("attention", { count: blocked })
        : suggested > 0
          ? t("waiting", { count: suggested })
          : t("ready")}{" "}
      {note ? words(undefined, note) : null}
    </p>
  );
}

export function ProblemLinks({ onGo }: { onGo: (index: number) => void }) {
  const t = useTranslations("bulk.summary");
  const store = useRowStore();
  useAnyRowChange(store);
  const problems = store.problems(5);
  if (problems.length === 0) return null;
  return (
    <ul
      className="flex flex-wrap gap-2 border-b border-slate-100 px-4 py-2 text-sm"
      aria-label={t("problemsLabel")}
    >
      {problems.map((i) => (
        <li key={i}>
          <button type="button" className="text-red-800 underline" onClick={() => onGo(i)}>
            {t("goTo", { row: i + 1 })}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Local parts romanised from readings or Hangul wait for the admin's look: how many, the way to
 * the first ones, and accepting them all at once.
 */
export function SuggestionLine({ onGo }: { onGo: (index: number) => void }) {
  const t = useTranslations("bulk.summary");
  const store = useRowStore();
  useAnyRowChange(store);
  const { suggested } = store.plan();
  if (suggested === 0) return null;
  const first = store.suggestions(3);
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 bg-amber-50 px-4 py-2 text-sm text-amber-950"
      role="group"
      aria-label={t("suggestionsLabel")}
    >
      <p>
        {t.rich("suggested", {
          count: suggested,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      {first.map((i) => (
        <button key={i} type="button" className="underline" onClick={() => onGo(i)}>
          {t("goTo", { row: i + 1 })}
        </button>
      ))}
      <Button type="button" variant="secondary" onClick={() => store.acceptSuggestions()}>
        {t("acceptAll")}
      </Button>
    </div>
  );
}

export function PlanAndSubmit({
  domain,
  sending,
  onSubmit,
}: {
  domain: string;
  sending?: Coded | undefined;
  onSubmit: () => void;
}) {
  const t = useTranslations("bulk.summary");
  const words = useMessageText();
  const store = useRowStore();
  useAnyRowChange(store);
  const current = store.plan();
  const ready =
    Boolean(domain) &&
    store.count > 0 &&
    current.blocked === 0 &&
    current.suggested === 0 &&
    current.create > 0;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 p-4">
      <p className="text-sm font-medium" aria-live="polite" data-testid="plan">
        {t("plan", { ...current })}
      </p>
      <Button
        type="button"
        onClick={onSubmit}
        disabled={!ready || Boolean(sending)}
        pending={Boolean(sending)}
        pendingLabel={sending ? words(undefined, sending) : undefined}
      >
        {domain ? t("create", { count: current.create, domain }) : t("chooseDomain")}
      </Button>
    </div>
  );
}
