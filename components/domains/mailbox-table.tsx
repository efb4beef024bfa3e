import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { MailboxRow, SortKey } from "@/lib/domains/types";
import type { MailboxView } from "@/lib/domains/view";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

type Header =
  | "name"
  | "status"
  | "quota"
  | "aliases"
  | "created"
  | "createdBy"
  | "username"
  | "usage"
  | "spamFilter"
  | "virusCheck";

interface Column {
  /** Its name in the catalog ("mailboxTable"). */
  header: Header;
  sortKey?: SortKey;
  numeric?: boolean;
  cell: (m: MailboxRow) => ReactNode;
}

const onOff = (v: boolean | undefined) => (v === undefined ? "—" : <OnOff on={v} />);
const name = (m: MailboxRow) => [m.firstName, m.lastName].filter(Boolean).join(" ") || "—";
const createdBy = (m: MailboxRow) =>
  m.createdByJob ? <CreatedBy job={m.createdByJob} /> : <span className="text-slate-400">—</span>;

function OnOff({ on }: { on: boolean }) {
  const t = useTranslations("mailboxTable");
  return <>{on ? t("on") : t("off")}</>;
}

function CreatedBy({ job }: { job: string }) {
  const t = useTranslations("mailboxTable");
  return (
    <Link href={`/jobs/${job}`} className="text-blue-800 underline">
      {t("createdByJob", { id: job.slice(0, 8) })}
    </Link>
  );
}

// What each provider stores: Hybridbox has names, status, quota and aliases; Z.com has a system
// login, usage and its two filters.
const COLUMNS: Readonly<Record<ProviderId, readonly Column[]>> = {
  hybridbox: [
    { header: "name", sortKey: "name", cell: name },
    { header: "status", cell: (m) => (m.status ? <StatusBadge status={m.status} /> : "—") },
    {
      header: "quota",
      numeric: true,
      cell: (m) => (m.quota ? `${m.quota.used} / ${m.quota.allowed}` : "—"),
    },
    { header: "aliases", cell: (m) => (m.aliases?.length ? m.aliases.join(", ") : "—") },
    {
      header: "created",
      sortKey: "created",
      cell: (m) => (m.createdAt ? <time dateTime={m.createdAt}>{day(m.createdAt)}</time> : "—"),
    },
    { header: "createdBy", cell: createdBy },
  ],
  zcom: [
    { header: "username", cell: (m) => m.username ?? "—" },
    { header: "usage", sortKey: "usage", numeric: true, cell: (m) => m.totalUsage ?? "—" },
    { header: "spamFilter", cell: (m) => onOff(m.spamFilter) },
    { header: "virusCheck", cell: (m) => onOff(m.virusCheck) },
    { header: "createdBy", cell: createdBy },
  ],
};

function day(iso: string): string {
  return iso.length >= 10 ? iso.slice(0, 10) : iso;
}

function StatusBadge({ status }: { status: string }) {
  return <Badge tone={status === "active" ? "success" : "warning"}>{status}</Badge>;
}

/** The next sort when a header is chosen: A→Z, then Z→A, then the provider's own order. */
function nextSort(current: MailboxView["sort"], key: SortKey): MailboxView["sort"] {
  if (current?.key !== key) return { key, dir: "asc" };
  return current.dir === "asc" ? { key, dir: "desc" } : undefined;
}

/** Checkboxes for those who may act on mailboxes: one row, or the whole page. */
export interface TableSelection {
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  pageSelected: boolean;
  togglePage: () => void;
}

export function MailboxTable({
  provider,
  caption,
  items,
  sort,
  onSort,
  busy,
  selection,
}: {
  provider: ProviderId;
  caption: string;
  items: readonly MailboxRow[];
  sort: MailboxView["sort"];
  onSort: (sort: MailboxView["sort"]) => void;
  busy: boolean;
  selection?: TableSelection;
}) {
  const t = useTranslations("mailboxTable");
  const tc = useTranslations("changes");
  const columns = COLUMNS[provider];
  const header = (label: string, key: SortKey | undefined, numeric = false) => {
    const active = key && sort?.key === key ? sort.dir : undefined;
    return (
      <th
        key={label}
        scope="col"
        aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : undefined}
        className={`px-3 py-2 font-medium whitespace-nowrap ${numeric ? "text-right" : ""}`}
      >
        {key ? (
          <button
            type="button"
            onClick={() => onSort(nextSort(sort, key))}
            className="inline-flex items-center gap-1 rounded hover:text-slate-900 hover:underline"
          >
            {label}
            <span aria-hidden="true">{active === "asc" ? "▲" : active === "desc" ? "▼" : "↕"}</span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy || undefined} className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {selection ? (
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={tc("selectPage")}
                  checked={selection.pageSelected}
                  onChange={selection.togglePage}
                />
              </th>
            ) : null}
            {header(t("address"), "address")}
            {columns.map((c) => header(t(c.header), c.sortKey, c.numeric))}
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {items.map((m) => (
            <tr key={m.id} className="border-t border-slate-100">
              {selection ? (
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={tc("selectOne", { address: m.address })}
                    checked={selection.isSelected(m.id)}
                    onChange={() => selection.toggle(m.id)}
                  />
                </td>
              ) : null}
              <th scope="row" className="px-3 py-2 font-mono text-xs font-normal">
                {m.address}
              </th>
              {columns.map((c) => (
                <td
                  key={c.header}
                  className={`px-3 py-2 ${c.numeric ? "text-right tabular-nums" : ""}`}
                >
                  {c.cell(m)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
