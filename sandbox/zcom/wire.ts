import { isRecord, json, parseJson, type Reply } from "../core/http-io";

/** Z.com's error body: only a status and its label are published, so that is all it carries. */
export const zcomError = (status: number, message: string): Reply =>
  json(status, { error: { code: status, message } });

export const ACCESS_DENIED = (): Reply => zcomError(401, "Access Denied");
export const NOT_FOUND = (): Reply => zcomError(404, "Not Found");

/**
 * The docs' own curl example sends JSON with curl's default form Content-Type, so the body is
 * read as JSON whatever the header says.
 */
export function readObjectBody(bytes: Buffer): Record<string, unknown> | null {
  const parsed = parseJson(bytes);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : null;
}

export interface ListParams<K extends string> {
  offset: number;
  limit: number;
  sortKey: K;
  descending: boolean;
}

/**
 * offset (default 0), limit (default 1000), sort_key (one of `keys`, default the first),
 * sort_type asc|desc (default asc). Anything else is a 400. With `ignoreSort` (the
 * newest-first variation) sort_key and sort_type are not read at all.
 */
export function readListParams<K extends string>(
  query: URLSearchParams,
  keys: readonly [K, ...K[]],
  ignoreSort = false,
): ListParams<K> | null {
  const int = (name: string, fallback: number, min: number): number | null => {
    const raw = query.get(name);
    if (raw === null || raw === "") return fallback;
    if (!/^\d+$/.test(raw)) return null;
    const value = Number.parseInt(raw, 10);
    return value >= min ? value : null;
  };
  const offset = int("offset", 0, 0);
  const limit = int("limit", 1000, 1);
  const sortKey = (query.get("sort_key") || keys[0]) as K;
  const sortType = query.get("sort_type") || "asc";
  if (offset === null || limit === null) return null;
  if (ignoreSort) return { offset, limit, sortKey: keys[0], descending: false };
  if (!keys.includes(sortKey) || (sortType !== "asc" && sortType !== "desc")) return null;
  return { offset, limit, sortKey, descending: sortType === "desc" };
}

/** Sorts with a tie-breaker (so pages never overlap), then slices a page into the envelope. */
export function listPage<T>(
  plural: string,
  rows: T[],
  params: ListParams<string>,
  compare: (a: T, b: T) => number,
  tieBreak: (a: T, b: T) => number,
  present: (row: T) => unknown,
): Reply {
  const sign = params.descending ? -1 : 1;
  const sorted = [...rows].sort((a, b) => sign * (compare(a, b) || tieBreak(a, b)));
  const page = sorted.slice(params.offset, params.offset + params.limit).map(present);
  return json(200, { [plural]: page, total_count: rows.length, current_count: page.length });
}

/** `2025-02-03 01:00:00`: the date style of the provider's service objects (UTC here). */
export const zcomDate = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "");
