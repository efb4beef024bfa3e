"use client";

import { useRef, useState } from "react";
import { FormMessage } from "@/components/ui/field";
import { generatePassword } from "@/lib/mailboxes/password";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";
import { BulkGrid, type GridHandle } from "./bulk-grid";
import { BulkRowsProvider } from "./bulk-rows-context";
import { AttentionLine, PlanAndSubmit, ProblemLinks } from "./bulk-summary";
import { PasteInput } from "./paste-input";
import { RowsToolbar, usePattern } from "./rows-toolbar";
import { TargetPicker, type ProviderDomains } from "./target-picker";
import { useBulkRows, type InitialRow } from "./use-bulk-rows";
import { useExistingAddresses } from "./use-existing-addresses";
import { useSubmitJobParts } from "./use-submit-job-parts";

export interface BulkEditorProps {
  providers: ProviderDomains[];
  initial: {
    provider?: ProviderId;
    domain?: string;
    retryOf?: string;
    rows?: InitialRow[];
  };
}

/**
 * Paste → check every cell → fix in place → submit. The rows live in a store outside React
 * (useBulkRows), checked with the provider's shared row schema; the grid and the summaries read
 * it through context, each re-rendering only for what it shows.
 */
export function BulkEditor({ providers, initial }: BulkEditorProps) {
  const { store, count, provider, load, read, changeProvider } = useBulkRows({
    provider: initial.provider ?? providers[0]?.id ?? "hybridbox",
    rows: initial.rows,
  });
  const [domain, setDomain] = useState(initial.domain ?? "");
  const [notice, setNotice] = useState<string>();
  const [showPasswords, setShowPasswords] = useState(false);
  const pattern = usePattern();
  const grid = useRef<GridHandle>(null);
  const existing = useExistingAddresses(store, initial.domain);
  const submission = useSubmitJobParts(store, {
    domain,
    retryOf: initial.retryOf,
    onRefusedRow: (row) => grid.current?.scrollTo(row),
  });

  const onText = async (text: string) => {
    const outcome = await read(text, pattern.pattern, domain);
    if ("error" in outcome) submission.setMessage({ tone: "error", text: outcome.error });
    else setNotice(outcome.notice);
  };

  const onTarget = (p: ProviderId, d: string) => {
    setDomain(d);
    existing.clear();
    void changeProvider(p, pattern.pattern);
    void existing.check(p, d);
  };

  return (
    <BulkRowsProvider value={store}>
      <div className="space-y-4">
        <TargetPicker
          providers={providers}
          provider={provider}
          domain={domain}
          onChange={onTarget}
        />
        {provider === "hybridbox" ? (
          <p className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
            Hybridbox creates mailboxes without returning a password: there is no password column,
            and none is invented.
          </p>
        ) : null}
        <PasteInput onText={onText} />
        {notice ? (
          <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {notice}
          </p>
        ) : null}
        {count > 0 ? (
          <section
            aria-labelledby="rows-heading"
            className="rounded-lg border border-slate-200 bg-white"
          >
            <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-100 p-4">
              <div>
                <h2 id="rows-heading" className="text-lg font-semibold">
                  {count.toLocaleString("en")} {count === 1 ? "row" : "rows"} for{" "}
                  {PROVIDER_LABELS[provider]}
                </h2>
                <AttentionLine note={existing.note} />
              </div>
              <RowsToolbar
                pattern={pattern}
                onApply={() => void load(store.rows(), pattern.pattern)}
                passwords={
                  provider === "zcom"
                    ? {
                        shown: showPasswords,
                        onToggle: () => setShowPasswords((s) => !s),
                        onGenerate: () => {
                          store.fillPasswords(generatePassword);
                          setShowPasswords(true);
                        },
                      }
                    : undefined
                }
              />
            </div>
            <ProblemLinks onGo={(i) => grid.current?.scrollTo(i)} />
            <BulkGrid domain={domain} showPasswords={showPasswords} handle={grid} />
            <PlanAndSubmit
              domain={domain}
              sending={submission.sending}
              onSubmit={() => void submission.submit()}
            />
          </section>
        ) : null}
        <FormMessage tone={submission.message?.tone}>{submission.message?.text}</FormMessage>
      </div>
    </BulkRowsProvider>
  );
}
