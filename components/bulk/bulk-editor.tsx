"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/i18n/use-message-text";
import { FormMessage } from "@/components/ui/field";
import type { Coded } from "@/lib/i18n/coded";
import { generatePassword } from "@/lib/mailboxes/password";
import { PROVIDER_LABELS, type ProviderId } from "@/lib/mailboxes/provider-id";
import { forgetColumns, recallColumns, rememberColumns } from "@/lib/bulk/remembered-columns";
import type { LongVowelStyle } from "@/lib/import/romanize";
import type { ColumnKind, SourceColumn } from "@/lib/mailboxes/paste";
import { BulkGrid, type GridHandle } from "./bulk-grid";
import { BulkRowsProvider } from "./bulk-rows-context";
import { AttentionLine, PlanAndSubmit, ProblemLinks, SuggestionLine } from "./bulk-summary";
import { ColumnMapping } from "./column-mapping";
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
  const t = useTranslations("bulk.editor");
  const words = useMessageText();
  const [notices, setNotices] = useState<Coded[]>([]);
  const [showPasswords, setShowPasswords] = useState(false);
  const pattern = usePattern();
  const [longVowels, setLongVowels] = useState<LongVowelStyle>("short");
  const style = { pattern: pattern.pattern, longVowels };
  // The list as last read, so a column's kind can be changed and the list read again.
  const text = useRef("");
  const [mapping, setMapping] = useState<{
    columns: SourceColumn[];
    hasHeader: boolean;
    remembered: boolean;
  }>();
  const grid = useRef<GridHandle>(null);
  const existing = useExistingAddresses(store, initial.domain);
  const submission = useSubmitJobParts(store, {
    domain,
    retryOf: initial.retryOf,
    onRefusedRow: (row) => grid.current?.scrollTo(row),
  });

  /** Reads the list; with `columns`, as the admin mapped them. */
  const readText = async (
    content: string,
    columns?: readonly ColumnKind[],
    remembered = false,
  ): Promise<void> => {
    text.current = content;
    const outcome = await read(content, style, domain, columns);
    if ("error" in outcome) {
      setMapping(undefined);
      submission.setMessage({ tone: "error", message: outcome.error });
      return;
    }
    if (!columns && outcome.hasHeader) {
      // The same headings as a list mapped before: read the way the admin chose then.
      const recalled = recallColumns(
        localStorage,
        outcome.columns.map((c) => c.header),
      );
      if (recalled && recalled.some((kind, j) => kind !== outcome.columns[j]?.kind)) {
        return readText(content, recalled, true);
      }
    }
    setMapping({ columns: outcome.columns, hasHeader: outcome.hasHeader, remembered });
    setNotices(outcome.notices);
  };

  const onText = (content: string) => readText(content);

  const onColumns = (kinds: ColumnKind[]) => {
    if (mapping?.hasHeader) {
      rememberColumns(
        localStorage,
        mapping.columns.map((c) => c.header),
        kinds,
      );
    }
    void readText(text.current, kinds);
  };

  const onForgetColumns = () => {
    if (!mapping) return;
    forgetColumns(
      localStorage,
      mapping.columns.map((c) => c.header),
    );
    void readText(text.current);
  };

  const onLongVowels = (next: LongVowelStyle) => {
    setLongVowels(next);
    void load(store.rows(), { pattern: pattern.pattern, longVowels: next });
  };

  const onTarget = (p: ProviderId, d: string) => {
    setDomain(d);
    existing.clear();
    void changeProvider(p, style);
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
            {t("hybridboxNoPassword")}
          </p>
        ) : null}
        <PasteInput onText={onText} />
        {mapping && mapping.columns.length > 0 ? (
          <ColumnMapping
            columns={mapping.columns}
            remembered={mapping.remembered}
            longVowels={longVowels}
            onChange={onColumns}
            onForget={onForgetColumns}
            onLongVowels={onLongVowels}
          />
        ) : null}
        {notices.length > 0 ? (
          <div role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {notices.length === 1 ? (
              <p>{words(undefined, notices[0])}</p>
            ) : (
              <ul className="list-disc space-y-0.5 pl-5">
                {notices.map((n, i) => (
                  <li key={i}>{words(undefined, n)}</li>
                ))}
              </ul>
            )}
          </div>
        ) : null}
        {count > 0 ? (
          <section
            aria-labelledby="rows-heading"
            className="rounded-lg border border-slate-200 bg-white"
          >
            <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-100 p-4">
              <div>
                <h2 id="rows-heading" className="text-lg font-semibold">
                  {t("rowsFor", { count, provider: PROVIDER_LABELS[provider] })}
                </h2>
                <AttentionLine note={existing.note} />
              </div>
              <RowsToolbar
                pattern={pattern}
                onApply={() => void load(store.rows(), style)}
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
            <SuggestionLine onGo={(i) => grid.current?.scrollTo(i)} />
            <BulkGrid domain={domain} showPasswords={showPasswords} handle={grid} />
            <PlanAndSubmit
              domain={domain}
              sending={submission.sending}
              onSubmit={() => void submission.submit()}
            />
          </section>
        ) : null}
        <FormMessage tone={submission.message?.tone}>
          {submission.message
            ? `${submission.message.part ? `${t("inPart", submission.message.part)} ` : ""}${words(undefined, submission.message.message) ?? ""}`
            : undefined}
        </FormMessage>
      </div>
    </BulkRowsProvider>
  );
}
