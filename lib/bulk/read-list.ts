import { suggestNames, type LongVowelStyle } from "@/lib/import/romanize";
import { fillMissingLocalParts, transliterate, type Pattern } from "@/lib/mailboxes/derive";
import { parsePaste, type ColumnKind, type SourceColumn } from "@/lib/mailboxes/paste";
import type { Coded } from "@/lib/i18n/coded";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { MAX_ROWS_PER_JOB } from "@/lib/mailboxes/schema";
import { checkRow, type EditorRow, type RowIssues } from "./editor-rows";

/**
 * A pasted or opened list, read into the editor's rows: parsed, local parts made from the names
 * where none was given (never over one the admin typed), and every row checked with the
 * provider's shared row schema. Pure, so it runs in a Web Worker (read-list.worker.ts) and the
 * paste costs the page's main thread only the rows' arrival; the page runs it itself when a
 * worker cannot be had.
 */
export interface ReadListInput {
  text: string;
  provider: ProviderId;
  pattern: Pattern;
  /** Local parts that exist on the domain (a made one avoids them). */
  existing: readonly string[];
  domain: string;
  /** How kana readings spell long vowels (Sato or Satou). */
  longVowels: LongVowelStyle;
  /** The admin's choice of what each column holds (the mapping screen), over the detected one. */
  columns?: readonly ColumnKind[] | undefined;
}

export interface ReadListOk {
  rows: EditorRow[];
  issues: RowIssues[];
  /** What the admin should know about what was read (catalog codes, worded on the page). */
  notices: Coded[];
  /** Every source column, what it was read as, and a few of its values. */
  columns: SourceColumn[];
  hasHeader: boolean;
}

export type ReadListResult = { error: Coded } | ReadListOk;

export function readList(input: ReadListInput): ReadListResult {
  const parsed = parsePaste(input.text, input.columns ? { columns: input.columns } : {});
  if (parsed.rows.length > MAX_ROWS_PER_JOB) {
    return {
      error: {
        key: "bulk.read.tooMany",
        params: { count: parsed.rows.length, max: MAX_ROWS_PER_JOB },
      },
    };
  }
  const list = parsed.rows.map((r) => ({
    firstName: r.firstName,
    lastName: r.lastName,
    localPart: r.localPart,
    password: r.password,
    skip: false,
    derived: false,
    suffixed: false,
    source: r.source,
    ...(r.reading ? { reading: r.reading } : {}),
  }));
  const rows = deriveLocalParts(
    input.provider,
    list,
    input.pattern,
    new Set(input.existing),
    input.longVowels,
  );
  const issues = rows.map((row) => checkRow(input.provider, row));
  // Addresses pasted for another domain are created on the chosen one: say so, never silently.
  const elsewhere = parsed.rows.filter(
    (r) => r.emailDomain && input.domain && r.emailDomain !== input.domain,
  ).length;
  const notices: Coded[] = [
    ...(elsewhere > 0
      ? [{ key: "bulk.read.otherDomain", params: { count: elsewhere, domain: input.domain } }]
      : []),
    ...parsed.warnings.slice(0, 3),
  ];
  return {
    rows,
    issues,
    notices,
    columns: parsed.columns,
    hasHeader: parsed.hasHeader,
  };
}

/**
 * Local parts made from names (never over ones the admin typed). A name that cannot be spelled
 * in a–z (kanji, kana, Hangul) is romanised where that is mechanical: from its kana reading
 * (Hepburn), or from Hangul (Revised Romanization, with the surnames' usual spellings). Those
 * local parts are suggestions (`suggested`), which the admin accepts or changes before submitting;
 * kanji without a reading still asks for a local part.
 */
export function deriveLocalParts(
  provider: ProviderId,
  list: readonly EditorRow[],
  pattern: Pattern,
  existing: ReadonlySet<string>,
  longVowels: LongVowelStyle,
): EditorRow[] {
  const romanised = new Uint8Array(list.length);
  const named = list.map((r, i) => {
    const row = { ...r, localPart: r.derived ? "" : r.localPart };
    if (row.localPart || transliterate(`${r.firstName} ${r.lastName}`) !== null) return row;
    const names = suggestNames(
      { firstName: r.firstName, lastName: r.lastName, reading: r.reading },
      longVowels,
    );
    if (!names) return row;
    romanised[i] = 1;
    return { ...row, firstName: names.first, lastName: names.last };
  });
  const derived = fillMissingLocalParts(provider, named, pattern, existing);
  return list.map((r, i) => {
    const d = derived[i]!;
    if ("error" in d) {
      return {
        ...r,
        localPart: r.derived ? "" : r.localPart,
        derived: false,
        suffixed: false,
        suggested: false,
      };
    }
    return {
      ...r,
      localPart: d.localPart,
      derived: d.derived,
      suffixed: d.suffixed,
      suggested: d.derived && romanised[i] === 1,
    };
  });
}
