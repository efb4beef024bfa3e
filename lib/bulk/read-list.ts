import { fillMissingLocalParts, type Pattern } from "@/lib/mailboxes/derive";
import { parsePaste } from "@/lib/mailboxes/paste";
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
}

export type ReadListResult =
  { error: string } | { rows: EditorRow[]; issues: RowIssues[]; notice: string | undefined };

export function readList(input: ReadListInput): ReadListResult {
  const parsed = parsePaste(input.text);
  if (parsed.rows.length > MAX_ROWS_PER_JOB) {
    return {
      error: `That is ${parsed.rows.length.toLocaleString("en")} rows; a job takes at most ${MAX_ROWS_PER_JOB.toLocaleString("en")}. Split the list.`,
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
  }));
  const rows = deriveLocalParts(input.provider, list, input.pattern, new Set(input.existing));
  const issues = rows.map((row) => checkRow(input.provider, row));
  // Addresses pasted for another domain are created on the chosen one: say so, never silently.
  const elsewhere = parsed.rows.filter(
    (r) => r.emailDomain && input.domain && r.emailDomain !== input.domain,
  ).length;
  const notes = [
    ...(elsewhere > 0
      ? [
          `${elsewhere} pasted addresses are on another domain; they will be created on ${input.domain}.`,
        ]
      : []),
    ...parsed.warnings.slice(0, 3),
  ];
  return { rows, issues, notice: notes.length > 0 ? notes.join(" ") : undefined };
}

/** Local parts made from names (never over ones the admin typed). */
export function deriveLocalParts(
  provider: ProviderId,
  list: readonly EditorRow[],
  pattern: Pattern,
  existing: ReadonlySet<string>,
): EditorRow[] {
  const derived = fillMissingLocalParts(
    provider,
    list.map((r) => ({ ...r, localPart: r.derived ? "" : r.localPart })),
    pattern,
    existing,
  );
  return list.map((r, i) => {
    const d = derived[i]!;
    if ("error" in d) {
      return { ...r, localPart: r.derived ? "" : r.localPart, derived: false, suffixed: false };
    }
    return { ...r, localPart: d.localPart, derived: d.derived, suffixed: d.suffixed };
  });
}
