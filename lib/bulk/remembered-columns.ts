import { COLUMN_KINDS, headerKey, type ColumnKind } from "@/lib/mailboxes/headers";

/**
 * The admin's column mapping, remembered in the browser for the next list with the same headings
 * (the same HR export every month). Keyed by the headings' loose keys, so "E-mail" and "email"
 * are one set; only lists with a header row are remembered, since "Column 1…" says nothing.
 * Nothing of the list's values is stored, only headings and kinds.
 */
const PREFIX = "mailbox-console.columns.v1:";
/** At most this many header sets are kept (the oldest go first). */
const KEEP = 20;
const INDEX = `${PREFIX}index`;

export function headingsKey(headers: readonly string[]): string {
  return headers.map(headerKey).join("\u001f");
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The kinds chosen last time for these headings, or `null`. */
export function recallColumns(storage: Store, headers: readonly string[]): ColumnKind[] | null {
  try {
    const raw = storage.getItem(PREFIX + headingsKey(headers));
    if (!raw) return null;
    const kinds: unknown = JSON.parse(raw);
    if (
      !Array.isArray(kinds) ||
      kinds.length !== headers.length ||
      !kinds.every((k) => COLUMN_KINDS.includes(k as ColumnKind))
    ) {
      return null;
    }
    return kinds as ColumnKind[];
  } catch {
    return null;
  }
}

export function rememberColumns(
  storage: Store,
  headers: readonly string[],
  kinds: readonly ColumnKind[],
): void {
  const key = headingsKey(headers);
  try {
    storage.setItem(PREFIX + key, JSON.stringify(kinds));
    const index = readIndex(storage).filter((k) => k !== key);
    index.push(key);
    for (const old of index.splice(0, Math.max(0, index.length - KEEP))) {
      storage.removeItem(PREFIX + old);
    }
    storage.setItem(INDEX, JSON.stringify(index));
  } catch {
    // Storage full or refused (private mode): the mapping is simply not remembered.
  }
}

export function forgetColumns(storage: Store, headers: readonly string[]): void {
  const key = headingsKey(headers);
  try {
    storage.removeItem(PREFIX + key);
    storage.setItem(INDEX, JSON.stringify(readIndex(storage).filter((k) => k !== key)));
  } catch {
    // As above.
  }
}

function readIndex(storage: Store): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(INDEX) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === "string") : [];
  } catch {
    return [];
  }
}
