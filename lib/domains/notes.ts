import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { MailboxListing } from "./types";
import { SORT_LABELS } from "./view";

// The sentences that keep the mailbox view honest about what it did: who searched, how much was
// searched, and whether a sort holds across pages or only within the one shown. Isomorphic.

/** Z.com's list is asked for in address order (lib/providers/zcom); Hybridbox's order is its own. */
const PROVIDER_ORDER: Readonly<Record<ProviderId, string>> = {
  hybridbox: "In Hybridbox's own order, page by page as it returns them.",
  zcom: "By address, A to Z: Z.com returns them in this order across all pages.",
};

export function searchHint(provider: ProviderId, label: string): string {
  return provider === "zcom"
    ? `${label} has no search of its own: the console reads the domain's addresses and filters them here, by address.`
    : `${label} searches addresses and names.`;
}

export function searchNote(listing: MailboxListing, label: string): string | undefined {
  const { search } = listing;
  if (!search) return undefined;
  if (search.mode === "provider") return `Searched by ${label}.`;
  const n = search.scanned.toLocaleString("en");
  return search.complete
    ? `${label} cannot search, so the console read all ${n} addresses and filtered them here.`
    : `${label} cannot search, so the console searched the first ${n} addresses only; the domain has more, and those were not searched.`;
}

export function orderNote(listing: MailboxListing, label: string): string {
  const { sort } = listing;
  if (!sort) return PROVIDER_ORDER[listing.provider];
  const by = `by ${SORT_LABELS[sort.key]}, ${direction(sort.key, sort.dir)}`;
  if (sort.scope === "all") {
    const what = listing.search ? "matching mailboxes" : "mailboxes";
    return `Sorted ${by}, across all ${listing.total.toLocaleString("en")} ${what}.`;
  }
  return `Sorted ${by} within this page only: there are too many to read at once, so ${label} decides which mailboxes are on each page.`;
}

function direction(key: string, dir: "asc" | "desc"): string {
  if (key === "created") return dir === "asc" ? "oldest first" : "newest first";
  if (key === "usage") return dir === "asc" ? "smallest first" : "largest first";
  return dir === "asc" ? "A to Z" : "Z to A";
}
