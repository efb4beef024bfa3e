import type { Mailbox } from "@/lib/providers/types";
import type { SortDir, SortKey } from "./types";

// Locale-aware, so Korean and Japanese names sort as their readers expect; numeric, so user2
// comes before user10.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

const displayName = (m: Mailbox) => [m.firstName, m.lastName].filter(Boolean).join(" ");

type Value = string | number | undefined;

const valueOf: Readonly<Record<SortKey, (m: Mailbox) => Value>> = {
  address: (m) => m.address,
  name: (m) => displayName(m) || undefined,
  created: (m) => m.createdAt ?? undefined,
  usage: (m) => m.totalUsage ?? m.quota?.used,
};

function compareValues(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * A sorted copy. Mailboxes without the value (no name, no date) go last in either direction, and
 * ties fall back to the address, so the order is the same on every load.
 */
export function sortMailboxes<T extends Mailbox>(items: readonly T[], key: SortKey, dir: SortDir) {
  const sign = dir === "desc" ? -1 : 1;
  const read = valueOf[key];
  return [...items].sort((x, y) => {
    const a = read(x);
    const b = read(y);
    if (a === undefined || b === undefined) {
      if (a !== b) return a === undefined ? 1 : -1;
    } else {
      const order = compareValues(a, b);
      if (order !== 0) return sign * order;
    }
    return collator.compare(x.address, y.address);
  });
}
