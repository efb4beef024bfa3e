"use client";

import { Button } from "@/components/ui/button";
import { useAnyRowChange, useRowStore } from "./bulk-rows-context";

// Each re-renders on any change to the rows (a keystroke) and reads counts the store keeps, so a
// keystroke in a 10,000-row list costs them no walk over every row.

export function AttentionLine({ note }: { note?: string | undefined }) {
  const store = useRowStore();
  useAnyRowChange(store);
  const { blocked, suggested } = store.plan();
  return (
    <p aria-live="polite" className="text-sm text-slate-600">
      {blocked > 0
        ? `${blocked} ${blocked === 1 ? "row needs" : "rows need"} attention. `
        : suggested > 0
          ? `${suggested} suggested ${suggested === 1 ? "local part waits" : "local parts wait"} for review. `
          : "Every row is ready. "}
      {note}
    </p>
  );
}

export function ProblemLinks({ onGo }: { onGo: (index: number) => void }) {
  const store = useRowStore();
  useAnyRowChange(store);
  const problems = store.problems(5);
  if (problems.length === 0) return null;
  return (
    <ul
      className="flex flex-wrap gap-2 border-b border-slate-100 px-4 py-2 text-sm"
      aria-label="Rows that need attention"
    >
      {problems.map((i) => (
        <li key={i}>
          <button type="button" className="text-red-800 underline" onClick={() => onGo(i)}>
            Go to row {i + 1}
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
  const store = useRowStore();
  useAnyRowChange(store);
  const { suggested } = store.plan();
  if (suggested === 0) return null;
  const first = store.suggestions(3);
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 bg-amber-50 px-4 py-2 text-sm text-amber-950"
      role="group"
      aria-label="Suggested local parts"
    >
      <p>
        <strong>{suggested.toLocaleString("en")} suggested — review.</strong>{" "}
        {suggested === 1 ? "A local part was" : "Local parts were"} romanised from the{" "}
        {suggested === 1 ? "name" : "names"}; check {suggested === 1 ? "it" : "them"} before
        submitting.
      </p>
      {first.map((i) => (
        <button key={i} type="button" className="underline" onClick={() => onGo(i)}>
          Go to row {i + 1}
        </button>
      ))}
      <Button type="button" variant="secondary" onClick={() => store.acceptSuggestions()}>
        Accept all suggestions
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
  sending?: string | undefined;
  onSubmit: () => void;
}) {
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
        Create {current.create} · skip {current.skip} · blocked {current.blocked}
        {current.suggested > 0 ? ` · ${current.suggested} suggested — review` : ""}
      </p>
      <Button
        type="button"
        onClick={onSubmit}
        disabled={!ready || Boolean(sending)}
        pending={Boolean(sending)}
        pendingLabel={sending}
      >
        {domain ? `Create ${current.create} mailboxes on ${domain}` : "Choose a domain first"}
      </Button>
    </div>
  );
}
