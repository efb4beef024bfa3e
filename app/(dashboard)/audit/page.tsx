import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("admin");
  const filter = auditFilterSchema.parse(await searchParams);
  const { events, hasMore } = await queryAudit(filter);
  const [t, tAction, format] = await Promise.all([
    getTranslations("audit"),
    getTranslations("auditActions"),
    getFormatter(),
  ]);
  // Entries are stored as codes (action) and parameters (details): worded here in the reader's
  // locale; a code this version has no words for (an older or newer entry) shows as stored.
  const actionName = (action: string) => {
    const key = action.replace(".", "_") as "user_created";
    return tAction.has(key) ? tAction(key) : action;
  };
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, page })) if (v) params.set(k, String(v));
    return `/audit?${params}`;
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form
        method="get"
        className="mb-4 grid gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-6"
        aria-label={t("filterLabel")}
      >
        <label className="text-sm font-medium md:col-span-2">
          {t("action")}
          <select name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionName(a)}
              </option>
            ))}
          </select>
        </label>
        <FilterInput
          label={t("who")}
          name="actor"
          filter={filter}
          placeholder={t("whoPlaceholder")}
        />
        <FilterInput
          label={t("provider")}
          name="provider"
          filter={filter}
          placeholder="hybridbox, zcom"
        />
        <FilterInput label={t("domain")} name="domain" filter={filter} />
        <FilterInput label={t("from")} name="from" filter={filter} type="date" />
        <FilterInput label={t("to")} name="to" filter={filter} type="date" />
        <div className="flex items-end gap-2 md:col-span-5">
          <button
            type="submit"
            className="rounded-md bg-slate-900 px-3 py-2 text-sm font-medium text-white"
          >
            {t("filter")}
          </button>
          <Link href="/audit" className="px-3 py-2 text-sm text-slate-700 underline">
            {t("clear")}
          </Link>
        </div>
      </form>
      <DataTable
        caption={t("caption")}
        rows={events}
        rowKey={(e) => String(e.id)}
        empty={t("empty")}
        columns={[
          {
            header: t("colWhen"),
            className: "text-xs whitespace-nowrap tabular-nums",
            cell: (e) =>
              format.dateTime(e.at, {
                dateStyle: "medium",
                timeStyle: "medium",
              }),
          },
          { header: t("colWho"), cell: (e) => e.actorEmail ?? "—" },
          { header: t("colAddress"), className: "font-mono text-xs", cell: (e) => e.ip ?? "—" },
          {
            header: t("colAction"),
            cell: (e) => (
              <>
                {actionName(e.action)}
                <span className="block font-mono text-xs text-slate-500">{e.action}</span>
              </>
            ),
          },
          { header: t("colProvider"), cell: (e) => e.provider ?? "—" },
          { header: t("colDomain"), cell: (e) => e.domain ?? "—" },
          { header: t("colTarget"), cell: (e) => e.target ?? "—" },
          {
            header: t("colDetails"),
            className: "font-mono text-xs",
            cell: (e) => (e.details ? JSON.stringify(e.details) : ""),
          },
        ]}
      />
      <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm">
        {filter.page > 1 ? <Link href={pageHref(filter.page - 1)}>{t("newer")}</Link> : <span />}
        <span className="text-slate-500">
          {t("pageOf", { page: filter.page, size: AUDIT_PAGE_SIZE })}
        </span>
        {hasMore ? <Link href={pageHref(filter.page + 1)}>{t("older")}</Link> : <span />}
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
