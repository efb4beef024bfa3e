import { z } from "zod";
import type { Coded } from "@/lib/i18n/coded";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { SortDir, SortKey } from "./types";

// What one view of a domain's mailboxes is: the page's URL holds it (so reload and back work),
// the route handler reads the same parameters, and the query key is built from it. Isomorphic.

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

/** What each provider's mailboxes carry: Z.com has no names or creation dates. */
export const SORT_KEYS: Readonly<Record<ProviderId, readonly SortKey[]>> = {
  hybridbox: ["address", "name", "created"],
  zcom: ["address", "usage"],
};

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  address: "address",
  name: "name",
  created: "creation date",
  usage: "usage",
};

export interface MailboxView {
  /** 1-based. */
  page: number;
  pageSize: PageSize;
  /** Trimmed; "" for none. */
  search: string;
  sort?: { key: SortKey; dir: SortDir };
}

const MAX_PAGE = 100_000;
const MAX_SEARCH = 100;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const rawSchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
  pageSize: z
    .preprocess(
      first,
      z.coerce.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)),
    )
    .catch(DEFAULT_PAGE_SIZE),
  search: z.preprocess(first, z.string().trim().max(MAX_SEARCH)).catch(""),
  sort: z.preprocess(first, z.string().max(20).optional()).catch(undefined),
});

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads a view from search parameters; anything unreadable falls back to its default. */
export function parseView(params: RawParams, provider: ProviderId): MailboxView {
  const record = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const raw = rawSchema.parse(record);
  const view: MailboxView = {
    page: raw.page,
    pageSize: raw.pageSize as PageSize,
    search: raw.search,
  };
  const sort = parseSort(raw.sort, provider);
  if (sort) view.sort = sort;
  return view;
}

/** `address` is ascending, `-address` descending; keys the provider lacks are ignored. */
export function parseSort(
  value: string | undefined,
  provider: ProviderId,
): MailboxView["sort"] | undefined {
  if (!value) return undefined;
  const dir: SortDir = value.startsWith("-") ? "desc" : "asc";
  const key = value.replace(/^-/, "") as SortKey;
  return SORT_KEYS[provider].includes(key) ? { key, dir } : undefined;
}

export function formatSort(sort: MailboxView["sort"]): string | undefined {
  return sort ? `${sort.dir === "desc" ? "-" : ""}${sort.key}` : undefined;
}

/** The view as search parameters, defaults left out so URLs stay short and stable. */
export function viewToParams(view: MailboxView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.page !== 1) params.set("page", String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set("pageSize", String(view.pageSize));
  if (view.search) params.set("search", view.search);
  const sort = formatSort(view.sort);
  if (sort) params.set("sort", sort);
  return params;
}

/** The first and last row numbers shown, e.g. "1–25 of 120"; "0 of 0" for an empty list. */
/** "1–25 of 120", as a catalog code ("domain.range"). */
export function rangeLabel(page: number, pageSize: number, shown: number, total: number): Coded {
  if (shown === 0) return { key: "domain.rangeEmpty", params: { total } };
  const start = (page - 1) * pageSize + 1;
  return { key: "domain.range", params: { start, end: start + shown - 1, total } };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
