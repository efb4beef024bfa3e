import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import {
  AUDIT_PAGE_SIZE,
  auditFilterSchema,
  queryAudit,
  type AuditFilter,
} from "@/lib/audit/query";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit trail" };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("admin");
  const filter = auditFilterSchema.parse(await searchParams);
  const { events, hasMore } = await queryAudit(filter);
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page })) if (v) params.set(k, String(v));
    return `/audit?${params}`;
  };
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Who did what and when. Entries cannot be changed or deleted; they never hold a password or token."
      />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-6"
        aria-label="Filter the audit trail"
      >
        <label className="text-sm font-medium md:col-span-2">
          Action
          <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <FilterInput label="Who" name="actor" filter={filter} placeholder="email contains" />
        <FilterInput
          label="Provider"
          name="provider"
          filter={filter}
          placeholder="hybridbox, zcom"
        />
        <FilterInput label="Domain" name="domain" filter={filter} />
        <FilterInput label="From" name="from" filter={filter} type="date" />
        <FilterInput label="To" name="to" filter={filter} type="date" />
        <div className="flex items-end gap-2 md:col-span-5">
          <button
            type="submit"
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            Filter
          </button>
          <Link href="/audit" className="px-3 py-2 text-sm text-slate-700 underline">
            Clear
          </Link>
        </div>
      </form>
      <DataTable
        caption="Audit events, newest first"
        rows={events}
        rowKey={(e) => String(e.id)}
        empty="No events match these filters."
        columns={[
          {
            header: "When (UTC)",
            className: "font-mono text-xs whitespace-nowrap",
            cell: (e) => e.at.toISOString().replace("T", " ").slice(0, 19),
          },
          { header: "Who", cell: (e) => e.actorEmail ?? "—" },
          { header: "Address", className: "font-mono text-xs", cell: (e) => e.ip ?? "—" },
          { header: "Action", className: "font-mono text-xs", cell: (e) => e.action },
          { header: "Provider", cell: (e) => e.provider ?? "—" },
          { header: "Domain", cell: (e) => e.domain ?? "—" },
          { header: "Target", cell: (e) => e.target ?? "—" },
          {
            header: "Details",
            className: "font-mono text-xs",
            cell: (e) => (e.details ? JSON.stringify(e.details) : ""),
          },
        ]}
      />
      <nav aria-label="Audit pages" className="mt-4 flex justify-between text-sm">
        {filter.page > 1 ? <Link href={pageHref(filter.page - 1)}>← Newer</Link> : <span />}
        <span className="text-slate-500">
          Page {filter.page} · {AUDIT_PAGE_SIZE} per page
        </span>
        {hasMore ? <Link href={pageHref(filter.page + 1)}>Older →</Link> : <span />}
      </nav>
    </>
  );
}

function FilterInput({
  label,
  name,
  filter,
  type = "text",
  placeholder,
}: {
  label: string;
  name: "actor" | "provider" | "domain" | "from" | "to";
  filter: AuditFilter;
  type?: string;
  placeholder?: string;
}) {
  return (
    <label className="text-sm font-medium">
      {label}
      <input
        name={name}
        type={type}
        defaultValue={filter[name] ?? ""}
        placeholder={placeholder}
        className={inputClass}
      />
    </label>
  );
}
