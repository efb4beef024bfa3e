import Papa from "papaparse";
import type { Coded, MessageParams } from "@/lib/i18n/coded";
import { type ColumnKind, matchHeader } from "./headers";

// Turns what admins paste (cells copied from Excel or Google Sheets, CSV with "," or ";", or one
// person per line) into rows. Isomorphic and allocation-light: 10,000 rows parse in a few ms.
// papaparse does the CSV work; this file decides delimiter, header and columns, and cleans cells.

export type { ColumnKind };

export interface ParsedRow {
  firstName: string;
  lastName: string;
  localPart: string;
  password: string;
  /** The row's cells keyed by column header ("Column 3" when there is no header), minus any password column: used later to give the admin back "the failed rows in the input's format". */
  source: Record<string, string>;
  /** Domain part when the row gave a full address (e.g. "jane.doe@acme.example"). */
  emailDomain?: string;
  /** The kana reading of the name (フリガナ), when a column holds one: reading columns joined. */
  reading?: string;
  /** 1-based line in the pasted text, for messages. */
  line: number;
}

export interface SourceColumn {
  header: string;
  kind: ColumnKind;
  /** The first few different values, for the column-mapping screen. */
  samples: string[];
  /** The header did not say what the column holds; its values did (shown as a guess). */
  byContent: boolean;
  /** Some row has a value here. */
  filled: boolean;
  /**
   * A column not used whose values look like what this kind holds (handle-like tokens → local
   * part): offered on the mapping screen, never applied unasked, since a column of departments
   * ("sales", "hr") looks the same.
   */
  suggestion?: ColumnKind;
}

export interface ParseResult {
  rows: ParsedRow[];
  columns: SourceColumn[];
  hasHeader: boolean;
  delimiter: "\t" | "," | ";" | "lines";
  /** Catalog codes ("bulk.parse.*"), worded where they are shown. */
  warnings: Coded[];
}

export interface ParseOptions {
  /** `columns[i]` replaces the detected kind of column i; columns past its end keep theirs. */
  columns?: readonly ColumnKind[];
  /** Overrides header detection (the first non-blank line is, or is not, a header). */
  hasHeader?: boolean;
}

type Delimiter = ParseResult["delimiter"];

interface Cells {
  raw: string[];
  clean: string[];
  line: number;
}

// Zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings/overrides, word joiner and the
// invisible operators, bidi isolates, BOM, soft hyphen: all invisible, all common in pastes.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// Printable ASCII words separated by single spaces: already clean, skip NFKC (the common case).
const PLAIN = /^[\x21-\x7e]*(?: [\x21-\x7e]+)*$/;

/** A name/address cell as we use it: no invisible characters, NFKC, single spaces, trimmed. */
export function cleanCell(raw: string): string {
  if (PLAIN.test(raw)) return raw;
  return raw.replace(INVISIBLE, "").normalize("NFKC").replace(/\s+/g, " ").trim();
}

export function parsePaste(text: string, options: ParseOptions = {}): ParseResult {
  // A password containing a line break is rejected by the password rules either way, so unifying
  // CRLF/CR first costs nothing and makes mixed line endings split correctly.
  let input = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  // Excel's "sep=;" first line names the delimiter of the file.
  const sep = /^sep=([\t,;])(?:\n|$)/i.exec(input);
  if (sep) input = input.slice(sep[0].length);
  const warnings = new Warnings();
  const delimiter = (sep?.[1] as Delimiter | undefined) ?? chooseDelimiter(input);
  const records = readRecords(input, delimiter, warnings, sep ? 2 : 1);
  if (records.length === 0) {
    return { rows: [], columns: [], hasHeader: false, delimiter, warnings: warnings.list() };
  }

  const first = records[0]!;
  const headerKinds = first.clean.map(matchHeader);
  const looksLikeHeader =
    headerKinds.some((kind) => kind !== null) && !first.clean.some((c) => c.includes("@"));
  const hasHeader = options.hasHeader ?? looksLikeHeader;
  const data = hasHeader ? records.slice(1) : records;

  const baseWidth = delimiter === "lines" ? 1 : tableWidth(hasHeader ? first : null, data);
  const width = Math.max(baseWidth, options.columns?.length ?? 0);
  const headers = columnHeaders(hasHeader ? first.clean : [], width);

  let detected: ColumnKind[];
  let perLine = false;
  /** Columns whose kind came from their values, not their header. */
  const byContent = new Set<number>();
  const suggestions = new Map<number, ColumnKind>();
  if (delimiter === "lines") {
    const fixed = options.columns?.[0] ?? (hasHeader ? headerKinds[0] : null);
    perLine = !fixed;
    detected = [fixed ?? majorityLineKind(data)];
  } else if (hasHeader && headerKinds.some((kind) => kind !== null)) {
    detected = kindsForUnknownHeaders(
      headers.map((_, j) => headerKinds[j] ?? null),
      () => columnStats(data, width),
      byContent,
      suggestions,
    );
  } else {
    detected = guessKinds(columnStats(data, width));
    if (!hasHeader) detected.forEach((kind, j) => kind !== "ignore" && byContent.add(j));
  }
  const kinds = detected.map((kind, j) => options.columns?.[j] ?? kind);

  const rows: ParsedRow[] = [];
  for (const record of data) {
    checkWidth(record, baseWidth, warnings);
    const rowKinds = perLine ? [lineKind(record.clean[0] ?? "")] : kinds;
    const row = buildRow(record, rowKinds, headers);
    if (/^\s|\s$/.test(row.password)) warnings.add("passwordSpaces", record.line);
    rows.push(row);
  }
  if (!perLine && !kinds.some((k) => k !== "password" && k !== "ignore" && k !== "reading")) {
    warnings.note("noColumns");
  }
  // A heading the page does not know is not read: say which, so no column's values vanish unseen.
  const unused = hasHeader
    ? headers.filter(
        (header, j) =>
          kinds[j] === "ignore" &&
          headerKinds[j] !== "ignore" &&
          (first.clean[j] ?? "") !== "" &&
          data.some((record) => (record.clean[j] ?? "") !== ""),
      )
    : [];
  if (unused.length > 0) {
    warnings.note("unused", {
      names: unused.map((h) => `"${h}"`).join(", "),
      count: unused.length,
    });
  }
  return {
    rows,
    columns: headers.map((header, j) => ({
      header,
      kind: kinds[j]!,
      samples: samplesOf(data, j),
      byContent: byContent.has(j) && options.columns?.[j] === undefined,
      filled: data.some((record) => (record.clean[j] ?? "") !== ""),
      ...(suggestions.has(j) && kinds[j] === "ignore" ? { suggestion: suggestions.get(j)! } : {}),
    })),
    hasHeader,
    delimiter,
    warnings: warnings.list(),
  };
}

/**
 * Tab when more than half of the first 100 non-blank lines hold one: spreadsheets copy as TSV,
 * names never hold tabs, and a row may be ragged. Otherwise whichever of "," and ";" splits more
 * of those lines into the same number (≥ 2, on more than half the lines) of cells, quotes
 * honoured, ties going to more cells, then to ","; otherwise one entry per line.
 */
function chooseDelimiter(input: string): Delimiter {
  if (input.includes("\t")) {
    let sample = preview(input, "\t");
    if (sample.errors.some((e) => e.type === "Quotes")) sample = preview(input, "\t", NO_QUOTE);
    const split = sample.data.filter((cells) => cells.length >= 2).length;
    if (split * 2 > sample.data.length) return "\t";
  }
  let best: { delimiter: Delimiter; share: number; width: number } | null = null;
  for (const delimiter of [",", ";"] as const) {
    if (!input.includes(delimiter)) continue;
    const { data } = preview(input, delimiter);
    const width = modalWidth(data.map((raw) => ({ raw })));
    const share = data.filter((cells) => cells.length === width).length / data.length;
    if (width < 2 || share <= 0.5) continue;
    if (!best || share > best.share || (share === best.share && width > best.width)) {
      best = { delimiter, share, width };
    }
  }
  return best?.delimiter ?? "lines";
}

/** The first 100 non-blank rows. */
function preview(input: string, delimiter: string, quoteChar = '"') {
  return Papa.parse<string[]>(input, {
    delimiter,
    quoteChar,
    newline: "\n",
    preview: 100,
    skipEmptyLines: "greedy",
  });
}

/** A quote character no paste contains, to read quotes as text. */
const NO_QUOTE = "\u0000";

/** Non-blank records with their first line. */
function readRecords(
  input: string,
  delimiter: Delimiter,
  warnings: Warnings,
  firstLine: number,
): Cells[] {
  const data =
    delimiter === "lines" ? readLines(input) : readDelimited(input, delimiter, warnings, firstLine);
  const lines = lineNumbers(data, firstLine);
  const records: Cells[] = [];
  data.forEach((raw, i) => {
    const clean = raw.map(cleanCell);
    if (clean.some((c) => c !== "")) records.push({ raw, clean, line: lines[i]! });
  });
  return records;
}

function readDelimited(
  input: string,
  delimiter: "\t" | "," | ";",
  warnings: Warnings,
  firstLine: number,
): string[][] {
  const result = Papa.parse<string[]>(input, { delimiter, newline: "\n" });
  const quoteError = result.errors.find((e) => e.type === "Quotes");
  if (!quoteError) return result.data;
  const line = lineNumbers(result.data, firstLine)[quoteError.row ?? 0] ?? firstLine;
  if (delimiter !== "\t") {
    warnings.add("quotes", line);
    return result.data;
  }
  // Spreadsheets quote only cells that need it and always pair the quotes; unpaired ones in
  // tab-separated text are part of a name, so read them as ordinary characters rather than let
  // one stray quote swallow the following lines.
  warnings.note("quotesUnpaired", { line });
  return Papa.parse<string[]>(input, { delimiter, newline: "\n", quoteChar: NO_QUOTE }).data;
}

/**
 * One cell per line. No CSV quoting (the quotes in `"JJ" Smith` or `"Doe, Jane" <jane@…>` are
 * text), except that a line wholly in quotes, as a one-column CSV export writes `"Doe, Jane"`,
 * loses them.
 */
function readLines(input: string): string[][] {
  return input.split("\n").map((line) => {
    const quoted = /^\s*"((?:[^"]|"")*)"\s*$/.exec(line);
    return [quoted ? quoted[1]!.replace(/""/g, '"') : line];
  });
}

/** First line of each parsed row: a row spans one line plus the line breaks inside its cells. */
function lineNumbers(data: readonly string[][], firstLine: number): number[] {
  const lines: number[] = [];
  let line = firstLine;
  for (const cells of data) {
    lines.push(line);
    line += 1;
    for (const cell of cells) {
      for (let at = cell.indexOf("\n"); at !== -1; at = cell.indexOf("\n", at + 1)) line++;
    }
  }
  return lines;
}

/**
 * The header's width, widened to the rows' usual width when most rows are wider (cells copied
 * past the titled columns); without a header, the rows' usual width.
 */
function tableWidth(header: Cells | null, data: readonly Cells[]): number {
  const usual = modalWidth(data);
  if (!header) return usual;
  const most = data.filter((r) => r.raw.length === usual).length * 2 > data.length;
  return most ? Math.max(header.raw.length, usual) : header.raw.length;
}

/** The most common number of cells per row, ties going to the wider. */
function modalWidth(records: readonly { raw: readonly string[] }[]): number {
  const counts = new Map<number, number>();
  for (const { raw } of records) counts.set(raw.length, (counts.get(raw.length) ?? 0) + 1);
  let width = 0;
  let most = 0;
  for (const [w, n] of counts) {
    if (n > most || (n === most && w > width)) [width, most] = [w, n];
  }
  return width;
}

function columnHeaders(names: readonly string[], width: number): string[] {
  const seen = new Set<string>();
  return Array.from({ length: width }, (_, j) => {
    let header = names[j] || `Column ${j + 1}`;
    if (seen.has(header)) header = `${header} (column ${j + 1})`;
    seen.add(header);
    return header;
  });
}

function checkWidth(record: Cells, width: number, warnings: Warnings): void {
  const n = record.raw.length;
  if (n > width && record.clean.slice(width).some((c) => c !== "")) {
    warnings.add("extra", record.line, { cells: n, width });
  } else if (n < width) {
    warnings.add("missing", record.line, { cells: n, width });
  }
}

/** Up to {@link SAMPLES} different non-empty values of column j, from the first rows. */
const SAMPLES = 3;
function samplesOf(records: readonly Cells[], j: number): string[] {
  const found = new Set<string>();
  for (let i = 0; i < records.length && i < 200 && found.size < SAMPLES; i++) {
    const cell = records[i]!.clean[j];
    if (cell) found.add(cell);
  }
  return [...found];
}

/**
 * With a header row, a column whose header the page knows is what the header says. One whose
 * header it does not know is judged by its values, but only on plain evidence, and the
 * mapping screen shows it as a guess: password-like values → password (a secret must never land
 * in `source`); addresses → email, when no column is one yet; kana → reading, when no column is
 * one yet. Everything else is not used, and the page says so; handle-like values (lower-case
 * a–z 0–9 . _ -, all different) are offered as local parts (`suggestions`), not applied.
 */
function kindsForUnknownHeaders(
  known: readonly (ColumnKind | null)[],
  stats: () => ColumnStats[],
  byContent: Set<number>,
  suggestions: Map<number, ColumnKind>,
): ColumnKind[] {
  let all: ColumnStats[] | undefined;
  const has = new Set(known.filter((k): k is ColumnKind => k !== null));
  return known.map((kind, j) => {
    if (kind) return kind;
    all ??= stats();
    const column = all[j]!;
    let guess: ColumnKind = "ignore";
    if (column.mostly("password")) guess = "password";
    else if (column.mostly("email") && !has.has("email")) guess = "email";
    else if (column.mostly("kana") && !has.has("reading")) guess = "reading";
    else if (column.mostly("localPart") && column.distinct) suggestions.set(j, "localPart");
    if (guess !== "ignore") {
      has.add(guess);
      byContent.add(j);
    }
    return guess;
  });
}

// ---- Columns without a header ----------------------------------------------------------------

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCAL_PART_LIKE = /^[a-z0-9][a-z0-9._-]*$/;

const looksLikeEmail = (cell: string) => ADDRESS.test(splitAddress(cell).address);
const looksLikePassword = (cell: string) =>
  !/\s/.test(cell) &&
  /[A-Z]/.test(cell) &&
  /[a-z]/.test(cell) &&
  /[0-9]/.test(cell) &&
  !looksLikeEmail(cell);
const looksLikeLocalPart = (cell: string) => LOCAL_PART_LIKE.test(cell);
/** Katakana or hiragana (with the long-vowel mark, spaces and the middle dot): a reading. */
const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・ ]+$/u;
const looksLikeKana = (cell: string) => KANA.test(cell) && /[^ ・ー]/.test(cell);

interface ColumnStats {
  mostly(kind: "email" | "password" | "localPart" | "kana"): boolean;
  empty: boolean;
  /** No value repeats. */
  distinct: boolean;
}

function columnStats(records: readonly Cells[], width: number): ColumnStats[] {
  return Array.from({ length: width }, (_, j) => {
    let filled = 0;
    const hits = { email: 0, password: 0, localPart: 0, kana: 0 };
    const seen = new Set<string>();
    for (const { clean } of records) {
      const cell = clean[j];
      if (!cell) continue;
      filled++;
      seen.add(cell);
      if (looksLikeEmail(cell)) hits.email++;
      else if (looksLikePassword(cell)) hits.password++;
      else if (looksLikeLocalPart(cell)) hits.localPart++;
      else if (looksLikeKana(cell)) hits.kana++;
    }
    return {
      empty: filled === 0,
      distinct: seen.size === filled,
      mostly: (kind) => hits[kind] * 2 > filled,
    };
  });
}

/**
 * Without a header, each column is judged by most (more than half) of its non-empty cells:
 * 1. address-shaped (x@y.z, or "Name <x@y.z>") → email (the first such column; others ignored);
 * 2. no spaces and a capital, a small letter and a digit → password (all such columns, so a
 *    secret never lands in `source`);
 * 3. the rest are text columns. A text column of lower-case a–z 0–9 . _ - → local part, but only
 *    when another text column is not like that (names are usually capitalised) or when it is the
 *    only text column; the rightmost such column wins, since lists put names first.
 * 4. a text column of kana beside another text column that is not kana → reading (a name in
 *    kanji with its フリガナ); the first such column, and a second right after it (セイ, メイ).
 * 5. the remaining text columns are names: one → full name; two or more → first name, last name,
 *    in that order; further ones ignored. Empty columns are ignored.
 */
function guessKinds(stats: readonly ColumnStats[]): ColumnKind[] {
  const kinds: ColumnKind[] = stats.map(() => "ignore");
  let text: number[] = [];
  let email = false;
  stats.forEach((column, j) => {
    if (column.empty) return;
    if (column.mostly("email")) {
      if (!email) kinds[j] = "email";
      email = true;
    } else if (column.mostly("password")) kinds[j] = "password";
    else text.push(j);
  });
  const kana = text.filter((j) => stats[j]!.mostly("kana"));
  if (kana.length > 0 && kana.length < text.length) {
    const readings = kana[1] === kana[0]! + 1 ? kana.slice(0, 2) : kana.slice(0, 1);
    for (const j of readings) kinds[j] = "reading";
    text = text.filter((j) => !readings.includes(j));
  }
  const localLike = text.filter((j) => stats[j]!.mostly("localPart"));
  let names = text;
  if (localLike.length > 0 && (text.length === 1 || localLike.length < text.length)) {
    const local = localLike[localLike.length - 1]!;
    kinds[local] = "localPart";
    names = text.filter((j) => j !== local);
  }
  if (names.length === 1) kinds[names[0]!] = "fullName";
  if (names.length >= 2) {
    kinds[names[0]!] = "firstName";
    kinds[names[1]!] = "lastName";
  }
  return kinds;
}

/** One entry per line: with an @ → email; with a space → full name; otherwise a local part. */
function lineKind(cell: string): ColumnKind {
  if (cell.includes("@")) return "email";
  return /\s/.test(cell) ? "fullName" : "localPart";
}

function majorityLineKind(records: readonly Cells[]): ColumnKind {
  const counts = new Map<ColumnKind, number>();
  for (const { clean } of records) {
    const kind = lineKind(clean[0] ?? "");
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), ["localPart", 0])[0];
}

// ---- Rows --------------------------------------------------------------------------------------

function buildRow(
  record: Cells,
  kinds: readonly ColumnKind[],
  headers: readonly string[],
): ParsedRow {
  const { raw, clean } = record;
  const pick = (kind: ColumnKind): string => {
    for (let j = 0; j < kinds.length; j++) {
      if (kinds[j] === kind && clean[j]) return clean[j]!;
    }
    return "";
  };
  let password = "";
  const source: Record<string, string> = {};
  for (let j = 0; j < headers.length; j++) {
    const cell = raw[j] ?? "";
    if (kinds[j] !== "password") source[headers[j]!] = cell;
    // Verbatim: NFKC or trimming would change the password the mailbox gets.
    else if (!password && cell !== "") password = cell;
  }

  const email = pick("email");
  const address = email ? splitAddress(email) : null;
  // A "Username" column often holds whole addresses (jdoe@acme.example): keep the part before @.
  const login = pick("localPart");
  const loginAddress = login.includes("@") ? splitAddress(login) : null;
  let firstName = pick("firstName");
  let lastName = pick("lastName");
  if (!firstName && !lastName) {
    const full = pick("fullName") || address?.displayName || "";
    ({ firstName, lastName } = splitFullName(full));
  }
  const row: ParsedRow = {
    firstName,
    lastName,
    localPart: (loginAddress ? loginAddress.localPart : login) || address?.localPart || "",
    password,
    source,
    line: record.line,
  };
  const domain = address?.domain ?? loginAddress?.domain;
  if (domain) row.emailDomain = domain;
  let reading = "";
  for (let j = 0; j < kinds.length; j++) {
    if (kinds[j] === "reading" && clean[j])
      reading = reading ? `${reading} ${clean[j]}` : clean[j]!;
  }
  if (reading) row.reading = reading;
  return row;
}

/** `jane@acme.example`, `mailto:jane@acme.example` or `"Doe, Jane" <jane@acme.example>`. */
function splitAddress(cell: string): {
  address: string;
  localPart: string;
  domain?: string;
  displayName?: string;
} {
  let address = cell;
  let displayName: string | undefined;
  const angle = cell.endsWith(">") ? /^([^<>]*)<([^<>]*)>$/.exec(cell) : null;
  if (angle) {
    displayName =
      angle[1]!
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .trim() || undefined;
    address = angle[2]!.trim();
  }
  address = address.replace(/^mailto:/i, "");
  const at = address.lastIndexOf("@");
  if (at === -1) return { address, localPart: address, displayName };
  const domain = address.slice(at + 1).toLowerCase();
  return { address, localPart: address.slice(0, at), domain: domain || undefined, displayName };
}

/** "Jane Doe, Jr." is not "Jr. Doe". */
const SUFFIX = /^\s*(?:jr|sr|i{2,3}|iv|phd|md|esq)\.?\s*$/i;
const EAST_ASIAN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * "Jane Mary Doe" → Jane / Mary Doe; "Doe, Jane" → Jane / Doe; "佐藤 花子" → 花子 / 佐藤 (family
 * name first when the first word is Hangul, kanji or kana). A single word is a first name: "김민준"
 * is not split, as guessing where the family name ends is wrong often enough to hurt.
 */
export function splitFullName(name: string): { firstName: string; lastName: string } {
  const comma = name.split(",");
  if (comma.length === 2 && comma[0]!.trim() && comma[1]!.trim() && !SUFFIX.test(comma[1]!)) {
    return { firstName: comma[1]!.trim(), lastName: comma[0]!.trim() };
  }
  const space = name.indexOf(" ");
  if (space === -1) return { firstName: name, lastName: "" };
  const head = name.slice(0, space);
  const rest = name.slice(space + 1);
  return EAST_ASIAN.test(head)
    ? { firstName: rest, lastName: head }
    : { firstName: head, lastName: rest };
}

// ---- Warnings ---------------------------------------------------------------------------------

type WarningKind = "extra" | "missing" | "passwordSpaces" | "quotes";

/** At most {@link PER_KIND} messages of each kind, then a count, so 10,000 alike stay readable. */
const PER_KIND = 10;

/**
 * What the admin should know about the paste, as catalog codes ("bulk.parse.*"): the parser runs
 * in a Web Worker, and the page words them in the reader's locale.
 */
class Warnings {
  private notes: Coded[] = [];
  private byKind = new Map<WarningKind, { messages: Coded[]; more: number }>();

  add(kind: WarningKind, line: number, params: MessageParams = {}): void {
    let entry = this.byKind.get(kind);
    if (!entry) this.byKind.set(kind, (entry = { messages: [], more: 0 }));
    if (entry.messages.length >= PER_KIND) entry.more++;
    else entry.messages.push({ key: `bulk.parse.${kind}`, params: { line, ...params } });
  }

  note(key: string, params?: MessageParams): void {
    this.notes.push(params ? { key: `bulk.parse.${key}`, params } : { key: `bulk.parse.${key}` });
  }

  list(): Coded[] {
    const out = [...this.notes];
    for (const [kind, { messages, more }] of this.byKind) {
      out.push(...messages);
      if (more > 0) out.push({ key: "bulk.parse.more", params: { kind, count: more } });
    }
    return out;
  }
}
