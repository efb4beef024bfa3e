"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useErrorText, useMessageText } from "@/components/i18n/use-message-text";
import { orderNote, searchNote } from "@/lib/domains/notes";
import { mailboxesQuery } from "@/lib/domains/query-options";
import type { MailboxListing } from "@/lib/domains/types";
import { type MailboxView, pageCount, rangeLabel } from "@/lib/domains/view";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { ConsoleErrorPanel, FailurePanel } from "./failure-panel";
import { MailboxTable } from "./mailbox-table";
import { MailboxToolbar } from "./mailbox-toolbar";
import { Pager } from "./pager";
import { useMailboxView } from "./use-mailbox-view";

/** The mailboxes of one domain: search, page size, sortable table and pages, all in the URL. */
export function MailboxBrowser({
  provider,
  label,
  domain,
}: {
  provider: ProviderId;
  label: string;
  domain: string;
}) {
  const t = useTranslations("domain");
  const errorText = useErrorText();
  const word = useMessageText();
  const [view, setView] = useMailboxView(provider);
  const { data, error, isFetching, isPlaceholderData, refetch } = useQuery({
    ...mailboxesQuery(provider, domain, view),
    // The old page stays on screen (dimmed) while the next one loads, instead of a blank table.
    placeholderData: keepPreviousData,
  });
  const retry = () => void refetch();
  const countText = (listing: MailboxListing, view: MailboxView) => {
    const code = rangeLabel(listing.page, listing.pageSize, listing.items.length, listing.total);
    const range = word(code.key, code) ?? "";
    return view.search
      ? t("countMatching", { range, search: view.search })
      : t("countMailboxes", { range });
  };
  const change = (patch: Partial<MailboxView>) => setView({ ...view, page: 1, ...patch });
  const listing = data?.ok ? data.data : undefined;
  const loading = isFetching && (isPlaceholderData || !data);

  return (
    <div className="space-y-4">
      <MailboxToolbar provider={provider} label={label} view={view} onChange={change} />

      <p role="status" aria-live="polite" className="text-sm font-medium text-slate-800">
        {loading ? t("loading") : listing ? countText(listing, view) : ""}
      </p>

      {error && !isFetching ? (
        <ConsoleErrorPanel message={errorText(error)} onRetry={retry} retrying={isFetching} />
      ) : data && !data.ok ? (
        <FailurePanel
          failure={data.failure}
          providerLabel={label}
          domain={domain}
          onRetry={retry}
          retrying={isFetching}
        />
      ) : listing ? (
        <Listing listing={listing} label={label} view={view} setView={setView} busy={loading} />
      ) : null}
    </div>
  );
}

function Listing({
  listing,
  label,
  view,
  setView,
  busy,
}: {
  listing: MailboxListing;
  label: string;
  view: MailboxView;
  setView: (view: MailboxView) => void;
  busy: boolean;
}) {
  const t = useTranslations("domain");
  const word = useMessageText();
  const pages = pageCount(listing.total, listing.pageSize);
  const note = searchNote(listing, label);
  const search = note && word(note.key, note);
  if (listing.total === 0) {
    return (
      <div className="space-y-2 text-sm text-slate-700">
        {search ? <p>{search}</p> : null}
        <p>{view.search ? t("noMatch", { search: view.search }) : t("empty")}</p>
      </div>
    );
  }
  return (
    <>
      <div className="space-y-1 text-sm text-slate-600">
        {search ? <p>{search}</p> : null}
        <p>{word(orderNote(listing, label).key, orderNote(listing, label))}</p>
      </div>
      {listing.items.length > 0 ? (
        <MailboxTable
          provider={listing.provider}
          caption={t("caption", { domain: listing.domain, page: listing.page, pages })}
          items={listing.items}
          sort={view.sort}
          onSort={(sort) => setView({ ...view, page: 1, sort })}
          busy={busy}
        />
      ) : (
        <p className="text-sm text-slate-700">{t("nothingOnPage", { page: listing.page })}</p>
      )}
      <Pager page={listing.page} pages={pages} onPage={(page) => setView({ ...view, page })} />
    </>
  );
}
