"use client";

import { Button } from "@/components/ui/button";
import { plan, type EditorRow, type RowChecker } from "@/lib/bulk/editor-rows";
import { useVersion, type VersionStore } from "@/lib/bulk/version-store";

interface Shared {
  store: VersionStore;
  checker: RowChecker;
  rows: () => readonly EditorRow[];
  count: number;
}

// Each of these walks every row (a few ms for 10,000). They re-render when the version store is
// bumped (a keystroke), not with the component that holds the field array.

export function AttentionLine({
  store,
  checker,
  rows,
  existing,
  note,
}: Shared & { existing: ReadonlySet<string>; note?: string }) {
  useVersion(store);
  const { blocked } = plan(rows(), checker, existing);
  return (
    <p aria-live="polite" className="text-sm text-slate-600">
      {blocked > 0
        ? `${blocked} ${blocked === 1 ? "row needs" : "rows need"} attention. `
        : "Every row is ready. "}
      {note}
    </p>
  );
}

export function ProblemLinks({
  store,
  checker,
  rows,
  count,
  onGo,
}: Shared & { onGo: (index: number) => void }) {
  useVersion(store);
  const problems: number[] = [];
  const all = rows();
  for (let i = 0; i < count && problems.length < 5; i++) {
    if (checker.hasIssues(i) && !all[i]?.skip) problems.push(i);
  }
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

export function PlanAndSubmit({
  store,
  checker,
  rows,
  count,
  existing,
  domain,
  sending,
  onSubmit,
}: Shared & {
  existing: ReadonlySet<string>;
  domain: string;
  sending?: string;
  onSubmit: () => void;
}) {
  useVersion(store);
  const current = plan(rows(), checker, existing);
  const ready = Boolean(domain) && count > 0 && current.blocked === 0 && current.create > 0;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 p-4">
      <p className="text-sm font-medium" aria-live="polite" data-testid="plan">
        Create {current.create} · skip {current.skip} · blocked {current.blocked}
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
