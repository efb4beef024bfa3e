"use client";

import { useState } from "react";
import type { EditorRow } from "@/lib/bulk/editor-rows";
import { readListOffThread } from "@/lib/bulk/read-in-worker";
import type { ReadListOk } from "@/lib/bulk/read-list";
import type { Coded } from "@/lib/i18n/coded";
import type { LongVowelStyle } from "@/lib/import/romanize";
import { BulkRowStore } from "@/lib/bulk/row-store";
import type { Pattern } from "@/lib/mailboxes/derive";
import type { ColumnKind } from "@/lib/mailboxes/paste";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { useListChange } from "./bulk-rows-context";

export type InitialRow = Omit<EditorRow, "skip" | "derived" | "suffixed" | "password">;

/** How a list is read: the pattern and long-vowel style local parts are made with. */
export interface ReadStyle {
  pattern: Pattern;
  longVowels: LongVowelStyle;
}

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
  const load = async (list: readonly EditorRow[], style: ReadStyle) => {
    const { deriveLocalParts } = await listTools();
    store.replace(
      deriveLocalParts(store.provider, list, style.pattern, store.existing, style.longVowels),
    );
  };

  /**
   * Pasted or opened text, read into rows (parsed, given local parts and checked in a Web
   * Worker: lib/bulk/read-in-worker.ts). Says why nothing was read (too many rows), or what the
   * admin should know about what was read (addresses on another domain, parser warnings).
   */
  const read = async (
    text: string,
    style: ReadStyle,
    domain: string,
    columns?: readonly ColumnKind[],
  ): Promise<{ error: Coded } | Omit<ReadListOk, "rows" | "issues">> => {
    const provider = store.provider;
    const result = await readListOffThread({
      text,
      provider,
      pattern: style.pattern,
      longVowels: style.longVowels,
      existing: [...store.existing],
      domain,
      columns,
    });
    if ("error" in result) return result;
    // The provider changed while the list was read: check it again with the new one's rules.
    if (store.provider !== provider) await load(result.rows, style);
    else store.replace(result.rows, result.issues);
    const { rows: _rows, issues: _issues, ...rest } = result;
    return rest;
  };

  /** Another provider: its rules for every row, and derived local parts made its way. */
  const changeProvider = async (provider: ProviderId, style: ReadStyle) => {
    if (provider === store.provider) return;
    store.setProvider(provider);
    if (store.count > 0) await load(store.rows(), style);
  };

  return { store, count: store.count, provider: store.provider, load, read, changeProvider };
}
