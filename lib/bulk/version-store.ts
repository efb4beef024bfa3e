import { useSyncExternalStore } from "react";

/**
 * A counter that parts of the bulk page subscribe to. A keystroke bumps it, so the grid and the
 * summaries re-render — but not the component holding the field array: react-hook-form's
 * useFieldArray makes an id for every row on each of its renders (10,000 UUIDs per keystroke).
 */
export interface VersionStore {
  bump(): void;
  subscribe(listener: () => void): () => void;
  get(): number;
}

export function createVersionStore(): VersionStore {
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    bump() {
      version += 1;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => version,
  };
}

export function useVersion(store: VersionStore): number {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
