"use client";

import { useState } from "react";
import type { EditorRow } from "@/lib/bulk/editor-rows";
import { readListOffThread } from "@/lib/bulk/read-in-worker";
import { BulkRowStore } from "@/lib/bulk/row-store";
import type { Pattern } from "@/lib/mailboxes/derive";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { useListChange } from "./bulk-rows-context";

export type InitialRow = Omit<EditorRow, "skip" | "derived" | "suffixed" | "password">;

// Loaded on first use: the parser and the name rules stay out of the page's first load.
const listTools = () => import("@/lib/bulk/read-list");

/**
 * The editor's rows (a store outside React, lib/bulk/row-store.ts) and the ways a list comes in:
 * pasted text, the pattern applied again, another provider. The component re-renders only when
 * the list as a whole changes, never for a keystroke.
 */
export function useBulkRows(initial: { provider: ProviderId; rows?: InitialRow[] | undefined }) {
  const [store] = useState(
    () =>
      new BulkRowStore(
        initial.provider,
        (initial.rows ?? []).map((r) => ({
          ...r,
          password: "",
          skip: false,
          derived: false,
          suffixed: false,
        })),
      ),
  );
  useListChange(store);

  /** Local parts made from names (never over ones the admin typed), then every row checked. */
  const load = async (list: readonly EditorRow[], pattern: Pattern) => {
    const { deriveLocalParts } = await listTools();
    store.replace(deriveLocalParts(store.provider, list, pattern, store.existing));
  };

  /**
   * Pasted or opened text, read into rows (parsed, given local parts and checked in a Web
   * Worker: lib/bulk/read-in-worker.ts). Says why nothing was read (too many rows), or what the
   * admin should know about what was read (addresses on another domain, parser warnings).
   */
  const read = async (
    text: string,
    pattern: Pattern,
    domain: string,
  ): Promise<{ error: string } | { notice: string | undefined }> => {
    const provider = store.provider;
    const result = await readListOffThread({
      text,
      provider,
      pattern,
      existing: [...store.existing],
      domain,
    });
    if ("error" in result) return result;
    // The provider changed while the list was read: check it again with the new one's rules.
    if (store.provider !== provider) await load(result.rows, pattern);
    else store.replace(result.rows, result.issues);
    return { notice: result.notice };
  };

  /** Another provider: its rules for every row, and derived local parts made its way. */
  const changeProvider = async (provider: ProviderId, pattern: Pattern) => {
    if (provider === store.provider) return;
    store.setProvider(provider);
    if (store.count > 0) await load(store.rows(), pattern);
  };

  return { store, count: store.count, provider: store.provider, load, read, changeProvider };
}
