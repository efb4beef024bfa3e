import type { Coded } from "@/lib/i18n/coded";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { MailboxListing } from "./types";

// The sentences that keep the mailbox view honest about what it did: who searched, how much was
// searched, and whether a sort holds across pages or only within the one shown. Isomorphic;
// each is a catalog code ("mailboxSearch") that the page words in the reader's locale.

/** Z.com's list is asked for in address order (lib/providers/zcom); Hybridbox's order is its own. */
const PROVIDER_ORDER: Readonly<Record<ProviderId, string>> = {
  hybridbox: "mailboxSearch.orderHybridbox",
  zcom: "mailboxSearch.orderZcom",
};

export function searchHint(provider: ProviderId, label: string): Coded {
  return provider === "zcom"
    ? { key: "mailboxSearch.hintZcom", params: { provider: label } }
    : { key: "mailboxSearch.hintProvider", params: { provider: label } };
}

export function searchNote(listing: MailboxListing, label: string): Coded | undefined {
  const { search } = listing;
  if (!search) return undefined;
  if (search.mode === "provider") {
    return { key: "mailboxSearch.byProvider", params: { provider: label } };
  }
  return {
    key: search.complete ? "mailboxSearch.readAll" : "mailboxSearch.readFirst",
    params: { provider: label, count: search.scanned },
  };
}

export function orderNote(listing: MailboxListing, label: string): Coded {
  const { sort } = listing;
  if (!sort) return { key: PROVIDER_ORDER[listing.provider] };
  const params = { key: sort.key, dir: sort.dir };
  return sort.scope === "all"
    ? {
        key: "mailboxSearch.sortedAll",
        params: { ...params, total: listing.total, matching: listing.search ? "yes" : "no" },
      }
    : { key: "mailboxSearch.sortedPage", params: { ...params, provider: label } };
}
