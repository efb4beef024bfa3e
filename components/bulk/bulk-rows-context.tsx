"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { BulkRowStore } from "@/lib/bulk/row-store";

// The bulk editor's rows, shared with the grid and the summaries without passing them down. Each
// reader subscribes to the one channel it shows (lib/bulk/row-store.ts), so a keystroke re-renders
// its row and the summaries, not the page.

const BulkRowsContext = createContext<BulkRowStore | null>(null);

export const BulkRowsProvider = BulkRowsContext.Provider;

export function useRowStore(): BulkRowStore {
  const store = useContext(BulkRowsContext);
  if (!store) throw new Error("useRowStore needs a BulkRowsProvider above it");
  return store;
}

/** Re-renders on any change (the plan line, the problem links). */
export function useAnyRowChange(store: BulkRowStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
}

/** Re-renders when the list as a whole changes (rows added or removed, provider, existing). */
export function useListChange(store: BulkRowStore): number {
  return useSyncExternalStore(store.subscribeList, store.getListVersion, store.getListVersion);
}

/** Re-renders when row `index` changes (its cells, its problems, its skip). */
export function useRowChange(store: BulkRowStore, index: number): number {
  const subscribe = useCallback((l: () => void) => store.subscribeRow(index, l), [store, index]);
  const get = useCallback(() => store.getRowVersion(index), [store, index]);
  return useSyncExternalStore(subscribe, get, get);
}
