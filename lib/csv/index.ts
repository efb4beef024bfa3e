import Papa from "papaparse";

// One CSV writer for every file the console hands out (job results, failed rows, credentials,
// domain exports): RFC 4180 quoting and CRLF line ends (papaparse's `unparse`, which also parses
// pastes), a UTF-8 byte-order mark (without it Excel reads UTF-8 as the local code page and
// garbles 佐藤 and 김민준), and no cell that a spreadsheet would run as a formula. Isomorphic.

export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

/** A cell written exactly as given: quoted when it must be, never prefixed. */
export interface ExactCell {
  exact: string;
}

/** Starts a formula (OWASP "CSV injection"), after NFKC folds ＝ ＋ － ＠ and ﹦ into ASCII. */
const TRIGGER = /^[=+\-@]/;
/** Tab, CR and LF start a formula in some spreadsheets when they are the first character. */
const CONTROL_START = /^[\t\r\n]/;
/**
 * What a spreadsheet may skip before it sees a formula: whitespace (JS `\s` covers NBSP, the
 * ideographic space and U+FEFF), zero-width and other invisible characters, control characters,
 * and quotes (a cell `"\n=1+1` is a quote, a line break, then a formula).
 */
const IGNORABLE =
  /^[\s\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8"'`\u2018\u2019\u201c\u201d\uff02\uff07]+/u;

/** Whether a spreadsheet might run this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (CONTROL_START.test(text)) return true;
  return TRIGGER.test(text.normalize("NFKC").replace(IGNORABLE, ""));
}

/**
 * The text a spreadsheet shows but does not run: a leading `'` when it could start a formula.
 * Numbers and booleans are ours and cannot hold a formula.
 */
export function formulaGuard(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

function guarded(value: CsvValue | ExactCell): string | number | boolean | null | undefined {
  if (value !== null && typeof value === "object") return value.exact;
  return typeof value === "string" ? formulaGuard(value) : value;
}

/** One line with CRLF. `{ exact }` cells are not guarded (the credentials' passwords). */
export function csvLine(cells: readonly (CsvValue | ExactCell)[]): string {
  return `${Papa.unparse([cells.map(guarded)], { newline: "\r\n", header: false })}\r\n`;
}

/** One cell as it appears in a line (for tests and single values). */
export function csvCell(value: CsvValue): string {
  return csvLine([value]).slice(0, -2);
}
