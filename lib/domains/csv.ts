import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { MailboxRow } from "./types";

// CSV that a spreadsheet opens safely and correctly: RFC 4180 quoting, CRLF line ends, a UTF-8
// byte-order mark (without it Excel reads UTF-8 as the local code page and garbles 佐藤 and
// 김민준), and no cell that a spreadsheet would run as a formula.

export const CSV_BOM = "\uFEFF";

/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell. A text that starts like a formula gets a leading `'`, which spreadsheets show as
 * text and do not run. Numbers and booleans are written as they are: we produce them, and a
 * number cannot hold a formula.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

interface Column {
  header: string;
  value: (m: MailboxRow) => string | number | boolean | undefined;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? "on" : "off");

const COLUMNS: Readonly<Record<ProviderId, readonly Column[]>> = {
  hybridbox: [
    { header: "address", value: (m) => m.address },
    { header: "first_name", value: (m) => m.firstName },
    { header: "last_name", value: (m) => m.lastName },
    { header: "status", value: (m) => m.status },
    { header: "quota_used", value: (m) => m.quota?.used },
    { header: "quota_allowed", value: (m) => m.quota?.allowed },
    { header: "aliases", value: (m) => m.aliases?.join(" ") },
    { header: "created_at", value: (m) => m.createdAt },
    { header: "created_by_job", value: (m) => m.createdByJob },
  ],
  zcom: [
    { header: "address", value: (m) => m.address },
    { header: "username", value: (m) => m.username },
    { header: "usage", value: (m) => m.totalUsage },
    { header: "spam_filter", value: (m) => yesNo(m.spamFilter) },
    { header: "virus_check", value: (m) => yesNo(m.virusCheck) },
    { header: "created_by_job", value: (m) => m.createdByJob },
  ],
};

export function csvHeader(provider: ProviderId): string {
  return csvLine(COLUMNS[provider].map((c) => c.header));
}

export function csvRow(provider: ProviderId, mailbox: MailboxRow): string {
  return csvLine(COLUMNS[provider].map((c) => c.value(mailbox)));
}

/** `big.example-mailboxes-2026-11-21.csv`, safe as a file name on every system. */
export function csvFileName(domain: string, now: Date = new Date()): string {
  const safe = domain.replace(/[^a-zA-Z0-9.-]/g, "_");
  return `${safe}-mailboxes-${now.toISOString().slice(0, 10)}.csv`;
}
