"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useMessageText } from "@/components/i18n/use-message-text";
import { memo, useCallback, useImperativeHandle, useRef } from "react";
import type { Field } from "@/lib/bulk/editor-rows";
import type { BulkRowStore } from "@/lib/bulk/row-store";
import { useListChange, useRowChange, useRowStore } from "./bulk-rows-context";

/** What the editor may ask of the grid. */
export interface GridHandle {
  scrollTo: (index: number) => void;
}

interface Props {
  domain: string;
  showPasswords: boolean;
  handle: React.Ref<GridHandle>;
}

/** `label`: a key of the "bulk.grid" catalog group. */
const COLUMNS: { field: Field; label: "firstName" | "lastName" | "localPart" | "password" }[] = [
  { field: "firstName", label: "firstName" },
  { field: "lastName", label: "lastName" },
  { field: "localPart", label: "localPart" },
  { field: "password", label: "password" },
];
// Constant, so rows (memo) are not re-rendered for a new but equal list.
const COLUMNS_WITHOUT_PASSWORD = COLUMNS.filter((c) => c.field !== "password");

/**
 * The editable rows, virtualised: 10,000 rows keep a few dozen in the DOM. Every cell is a
 * labelled input whose problem is tied to it (aria-invalid, aria-describedby); ↑/↓ move between
 * rows in the same column. The grid re-renders when the list changes or it scrolls; a keystroke
 * re-renders only the rows it changed (GridRow subscribes to its own row).
 */
export function BulkGrid({ domain, showPasswords, handle }: Props) {
  const t = useTranslations("bulk.grid");
  const store = useRowStore();
  useListChange(store);
  const count = store.count;
  const provider = store.provider;
  const parentRef = useRef<HTMLDivElement>(null);
  const columns = provider === "zcom" ? COLUMNS : COLUMNS_WITHOUT_PASSWORD;
  const template =
    provider === "zcom"
      ? "grid-cols-[3.5rem_1fr_1fr_1.3fr_1.2fr_minmax(11rem,1fr)_2.5rem]"
      : "grid-cols-[3.5rem_1fr_1fr_1.3fr_minmax(11rem,1fr)_2.5rem]";

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders on scroll by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  useImperativeHandle(
    handle,
    () => ({ scrollTo: (index) => virtualizer.scrollToIndex(index, { align: "center" }) }),
    [virtualizer],
  );

  const moveFocus = useCallback(
    (event: React.KeyboardEvent<HTMLInputElement>, index: number, field: Field) => {
      const delta = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
      if (!delta) return;
      const target = index + delta;
      if (target < 0 || target >= store.count) return;
      event.preventDefault();
      virtualizer.scrollToIndex(target);
      requestAnimationFrame(() => document.getElementById(`cell-${target}-${field}`)?.focus());
    },
    [store, virtualizer],
  );

  return (
    <div role="table" aria-label={t("label")} aria-rowcount={count + 1} className="text-sm">
      <div role="rowgroup">
        <div
          role="row"
          className={`grid ${template} gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 font-medium text-slate-600`}
        >
          <div role="columnheader">{t("row")}</div>
          {columns.map((c) => (
            <div key={c.field} role="columnheader">
              {t(c.label)}
            </div>
          ))}
          <div role="columnheader">{t("check")}</div>
          <div role="columnheader">
            <span className="sr-only">{t("remove")}</span>
          </div>
        </div>
      </div>
      <div ref={parentRef} className="max-h-[32rem] overflow-auto" data-testid="grid-scroller">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => (
            <GridRow
              key={item.key}
              store={store}
              index={item.index}
              start={item.start}
              template={template}
              columns={columns}
              domain={domain}
              showPasswords={showPasswords}
              measure={virtualizer.measureElement}
              onArrow={moveFocus}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  store: BulkRowStore;
  index: number;
  start: number;
  template: string;
  columns: typeof COLUMNS;
  domain: string;
  showPasswords: boolean;
  measure: (element: HTMLElement | null) => void;
  onArrow: (event: React.KeyboardEvent<HTMLInputElement>, index: number, field: Field) => void;
}

const GridRow = memo(function GridRow({
  store,
  index: i,
  start,
  template,
  columns,
  domain,
  showPasswords,
  measure,
  onArrow,
}: RowProps) {
  useRowChange(store, i);
  const t = useTranslations("bulk.grid");
  const words = useMessageText();
  const row = store.row(i);
  if (!row) return null;
  const issues = store.issuesOf(i);
  const exists = store.exists(i);
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      data-index={i}
      ref={measure}
      className={`grid ${template} absolute left-0 w-full items-start gap-2 border-b border-slate-100 px-3 py-2`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <div role="cell" className="pt-1.5 text-slate-500 tabular-nums">
        {i + 1}
      </div>
      {columns.map(({ field, label }) => {
        const id = `cell-${i}-${field}`;
        const error = words(issues[field]);
        return (
          <div role="cell" key={field}>
            <label htmlFor={id} className="sr-only">
              {t("cellLabel", { column: t(label), row: i + 1 })}
            </label>
            <input
              id={id}
              name={`rows.${i}.${field}`}
              type={field === "password" && !showPasswords ? "password" : "text"}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={
                error
                  ? `${id}-error`
                  : field === "localPart" && row.suggested
                    ? `${id}-suggested`
                    : undefined
              }
              data-suggested={field === "localPart" && row.suggested ? "" : undefined}
              placeholder={field === "password" ? t("generatePlaceholder") : undefined}
              className="block w-full rounded border border-slate-300 px-2 py-1 aria-invalid:border-red-600 aria-invalid:ring-1 aria-invalid:ring-red-600 data-suggested:border-amber-500 data-suggested:bg-amber-50"
              value={row[field]}
              onChange={(e) => store.setField(i, field, e.target.value)}
              onKeyDown={(e) => onArrow(e, i, field)}
            />
            {field === "localPart" && !error && row.suggested ? (
              <p id={`${id}-suggested`} className="mt-0.5 flex gap-1 text-xs text-amber-900">
                <span className="truncate">
                  {t("suggestedFrom", {
                    from: row.reading ? "reading" : "name",
                    suffixed: row.suffixed ? "yes" : "no",
                  })}
                </span>
                <button
                  type="button"
                  className="underline"
                  onClick={() => store.acceptSuggestions(i)}
                  aria-label={t("acceptRow", { row: i + 1 })}
                >
                  {t("accept")}
                </button>
              </p>
            ) : field === "localPart" && !error ? (
              <p className="mt-0.5 truncate text-xs text-slate-500">
                @{domain || t("domainPlaceholder")}
                {row.suffixed ? t("suffixAdded") : row.derived ? t("fromName") : ""}
              </p>
            ) : null}
            {error ? (
              <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <div role="cell" className="pt-1">
        {exists ? (
          <label className="flex items-center gap-1 text-xs text-amber-900">
            <input
              type="checkbox"
              checked={row.skip}
              onChange={(e) => store.setSkip(i, e.target.checked)}
            />
            {t("existsSkip")}
          </label>
        ) : Object.keys(issues).length > 0 ? (
          <span className="text-xs text-red-700">✕ {t("needsAttention")}</span>
        ) : row.suggested ? (
          <span className="text-xs text-amber-900">? {t("suggestedReview")}</span>
        ) : (
          <span className="text-xs text-green-800">✓ {t("ready")}</span>
        )}
      </div>
      <div role="cell">
        <button
          type="button"
          onClick={() => store.remove(i)}
          className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100"
          aria-label={t("removeRow", { row: i + 1 })}
        >
          ×
        </button>
      </div>
    </div>
  );
});
