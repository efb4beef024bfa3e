"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDelete } from "@/components/changes/confirm-delete";
import { EditNames, SwapNames } from "@/components/changes/edit-names";
import { ResetPasswords } from "@/components/changes/reset-passwords";
import { SelectionBar } from "@/components/changes/selection-bar";
import { deleteMailboxesAction } from "@/lib/actions/delete-mailboxes";
import type { Selection } from "@/lib/changes/schema";
import { useErrorText, useMessageText } from "@/components/i18n/use-message-text";
import { orderNote, searchNote } from "@/lib/domains/notes";
import { mailboxesQuery } from "@/lib/domains/query-options";
import type { MailboxListing } from "@/lib/domains/types";
import { type MailboxView, pageCount, rangeLabel } from "@/lib/domains/view";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { ConsoleErrorPanel, FailurePanel } from "./failure-panel";
import { MailboxTable, type TableSelection } from "./mailbox-table";
import { MailboxToolbar } from "./mailbox-toolbar";
import { Pager } from "./pager";
import { useMailboxView } from "./use-mailbox-view";

/** What the reader may do to mailboxes here (by role and by what the provider allows). */
export interface MailboxActions {
  delete: boolean;
  resetPasswords?: boolean;
  editNames?: boolean;
}

type Panel = { kind: "delete" | "reset" | "names" | "swap"; submissionId: string };

/**
 * The mailboxes of one domain: search, page size, sortable table and pages, all in the URL. Those
 * who may act on mailboxes select one, a page, or all that match the search, then choose an action.
 */
export function MailboxBrowser({
  provider,
  label,
  domain,
  actions = { delete: false },
}: {
  provider: ProviderId;
  label: string;
  domain: string;
  actions?: MailboxActions;
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
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const [confirming, setConfirming] = useState<Panel | null>(null);
  const open = (kind: Panel["kind"]) => setConfirming({ kind, submissionId: crypto.randomUUID() });
  const clear = () => {
    setPicked(new Set());
    setAll(false);
    setConfirming(null);
  };
  const change = (patch: Partial<MailboxView>) => {
    // A new search selects afresh: "all that match" must mean what is shown.
    if (patch.search !== undefined && patch.search !== view.search) clear();
    setView({ ...view, page: 1, ...patch });
  };
  const listing = data?.ok ? data.data : undefined;
  const loading = isFetching && (isPlaceholderData || !data);
  const selectable = actions.delete || actions.resetPasswords || actions.editNames;
  const pageIds = listing?.items.map((m) => m.id) ?? [];
  const pageSelected = all || (pageIds.length > 0 && pageIds.every((id) => picked.has(id)));
  const selection: TableSelection | undefined = selectable
    ? {
        isSelected: (id) => all || picked.has(id),
        toggle: (id) => {
          const next = new Set(all ? pageIds : picked);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          setAll(false);
          setPicked(next);
        },
        pageSelected,
        togglePage: () => {
          const next = new Set(all ? [] : picked);
          for (const id of pageIds) {
            if (pageSelected) next.delete(id);
            else next.add(id);
          }
          setAll(false);
          setPicked(next);
        },
      }
    : undefined;
  const count = all ? (listing?.total ?? 0) : picked.size;
  const chosen: Selection = all
    ? { mode: "search", search: view.search ?? "" }
    : { mode: "ids", ids: [...picked] };

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
        <>
          {confirming?.kind === "reset" ? (
            <ResetPasswords
              domain={domain}
              count={count}
              selection={chosen}
              submissionId={confirming.submissionId}
              onCancel={() => setConfirming(null)}
            />
          ) : confirming?.kind === "names" ? (
            <EditNames
              domain={domain}
              mailboxes={listing.items.filter((m) => picked.has(m.id))}
              submissionId={confirming.submissionId}
              onCancel={() => setConfirming(null)}
            />
          ) : confirming?.kind === "swap" ? (
            <SwapNames
              domain={domain}
              count={count}
              selection={chosen}
              submissionId={confirming.submissionId}
              onCancel={() => setConfirming(null)}
            />
          ) : confirming ? (
            <ConfirmDelete
              domain={listing.domain}
              count={count}
              onCancel={() => setConfirming(null)}
              onConfirm={(typed) =>
                deleteMailboxesAction({
                  ...typed,
                  submissionId: confirming.submissionId,
                  provider,
                  domain,
                  selection: chosen,
                })
              }
            />
          ) : (
            <SelectionBar
              count={count}
              total={listing.total}
              all={all}
              pageSelected={pageSelected}
              onSelectAll={() => setAll(true)}
              onClear={clear}
              {...(actions.delete ? { onDelete: () => open("delete") } : {})}
              {...(actions.resetPasswords ? { onResetPasswords: () => open("reset") } : {})}
              {...(actions.editNames
                ? {
                    onSwapNames: () => open("swap"),
                    // Names are typed for the mailboxes selected on this page.
                    ...(!all && listing.items.some((m) => picked.has(m.id))
                      ? { onEditNames: () => open("names") }
                      : {}),
                  }
                : {})}
            />
          )}
          <Listing
            listing={listing}
            label={label}
            view={view}
            setView={setView}
            busy={loading}
            {...(selection ? { selection } : {})}
          />
        </>
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
  selection,
}: {
  listing: MailboxListing;
  label: string;
  view: MailboxView;
  setView: (view: MailboxView) => void;
  busy: boolean;
  selection?: TableSelection;
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
          {...(selection ? { selection } : {})}
        />
      ) : (
        <p className="text-sm text-slate-700">{t("nothingOnPage", { page: listing.page })}</p>
      )}
      <Pager page={listing.page} pages={pages} onPage={(page) => setView({ ...view, page })} />
    </>
  );
}
