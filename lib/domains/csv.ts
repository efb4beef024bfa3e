import { csvLine } from "@/lib/csv";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { MailboxRow } from "./types";

// The domain export's columns; lib/csv writes the cells (quoting, formula guard, BOM).

/** The columns' names; in English these are the headers (stable, for scripts reading them). */
export type CsvColumn =
  | "address"
  | "first_name"
  | "last_name"
  | "status"
  | "quota_used"
  | "quota_allowed"
  | "aliases"
  | "created_at"
  | "created_by_job"
  | "username"
  | "usage"
  | "spam_filter"
  | "virus_check";

interface Column {
  header: CsvColumn;
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

/** The header line; `name` words each column in the admin's locale (catalog "domainCsv"). */
export function csvHeader(
  provider: ProviderId,
  name: (column: CsvColumn) => string = (column) => column,
): string {
  return csvLine(COLUMNS[provider].map((c) => name(c.header)));
}

export function csvRow(provider: ProviderId, mailbox: MailboxRow): string {
  return csvLine(COLUMNS[provider].map((c) => c.value(mailbox)));
}

/** `big.example-mailboxes-2026-11-21.csv`, safe as a file name on every system. */
export function csvFileName(domain: string, now: Date = new Date()): string {
  const safe = domain.replace(/[^a-zA-Z0-9.-]/g, "_");
  return `${safe}-mailboxes-${now.toISOString().slice(0, 10)}.csv`;
}
