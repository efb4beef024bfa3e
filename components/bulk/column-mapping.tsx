"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import type { LongVowelStyle } from "@/lib/import/romanize";
import { COLUMN_KINDS, type ColumnKind } from "@/lib/mailboxes/headers";
import type { SourceColumn } from "@/lib/mailboxes/paste";

const SELECT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * What each column of the list was read as, with a few of its values and the control to read it
 * as something else. A column not used says so plainly, so no column's values vanish unseen; a
 * kind guessed from the values (the heading said nothing) is marked as a guess; a column whose
 * values look like local parts is offered as such, never used unasked.
 */
export function ColumnMapping({
  columns,
  remembered,
  longVowels,
  onChange,
  onForget,
  onLongVowels,
}: {
  columns: readonly SourceColumn[];
  /** The kinds were the admin's choice for these headings last time. */
  remembered: boolean;
  longVowels: LongVowelStyle;
  onChange: (kinds: ColumnKind[]) => void;
  onForget: () => void;
  onLongVowels: (style: LongVowelStyle) => void;
}) {
  const t = useTranslations("bulk.columns");
  const kind = useTranslations("bulk.kinds");
  const id = useId();
  const kinds = columns.map((c) => c.kind);
  const set = (j: number, kind: ColumnKind) => onChange(kinds.map((k, i) => (i === j ? kind : k)));
  const hasReading = kinds.includes("reading");
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-slate-200 bg-white"
      data-testid="column-mapping"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-2">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="text-xs text-slate-500">
          {remembered ? (
            <>
              {t("remembered")}{" "}
              <button type="button" className="underline" onClick={onForget}>
                {t("forget")}
              </button>
            </>
          ) : (
            t("hint")
          )}
        </p>
      </div>
      <table className="w-full text-sm">
        <thead className="bg-slate-50 text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-1.5 font-medium">
              {t("colColumn")}
            </th>
            <th scope="col" className="w-48 px-2 py-1.5 font-medium">
              {t("colHolds")}
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              {t("colValues")}
            </th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column, j) => {
            const selectId = `${id}-col-${j}`;
            const unused = column.kind === "ignore" && column.filled;
            return (
              <tr key={j} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-4 py-2 text-left font-medium">
                  {column.header}
                  {unused ? (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-900">
                      {t("notUsed")}
                    </span>
                  ) : null}
                </th>
                <td className="px-2 py-2">
                  <label htmlFor={selectId} className="sr-only">
                    {t("holdsLabel", { header: column.header })}
                  </label>
                  <select
                    id={selectId}
                    value={column.kind}
                    onChange={(e) => set(j, e.target.value as ColumnKind)}
                    className={SELECT}
                    aria-describedby={`${selectId}-note`}
                  >
                    {COLUMN_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kind(k)}
                      </option>
                    ))}
                  </select>
                  <p id={`${selectId}-note`} className="mt-0.5 text-xs text-slate-500">
                    {column.byContent ? t("guessed") : ""}
                  </p>
                  {column.suggestion && column.kind === "ignore" ? (
                    <Button
                      type="button"
                      variant="ghost"
                      className="mt-0.5 px-0 py-0 text-xs"
                      onClick={() => set(j, column.suggestion!)}
                    >
                      {t("offer", { kind: column.suggestion })}
                    </Button>
                  ) : null}
                </td>
                <td className="px-2 py-2 text-slate-700">
                  {column.samples.length === 0 ? (
                    <span className="text-slate-400">{t("empty")}</span>
                  ) : column.kind === "password" ? (
                    <span className="text-slate-500">
                      {t("hidden", { count: column.samples.length })}
                    </span>
                  ) : (
                    <span className="break-all">{column.samples.join(" · ")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {hasReading ? (
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-4 py-2 text-sm">
          <label htmlFor={`${id}-vowels`}>{t("longVowels")}</label>
          <select
            id={`${id}-vowels`}
            value={longVowels}
            onChange={(e) => onLongVowels(e.target.value as LongVowelStyle)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            <option value="short">{t("vowelsShort")}</option>
            <option value="spelled">{t("vowelsSpelled")}</option>
          </select>
        </div>
      ) : null}
    </section>
  );
}
