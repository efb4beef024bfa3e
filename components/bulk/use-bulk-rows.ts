"use client";

import { useState } from "react";
import type { EditorRow } from "@/lib/bulk/editor-rows";
import { BulkRowStore } from "@/lib/bulk/row-store";
import type { Pattern } from "@/lib/mailboxes/derive";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { MAX_ROWS_PER_JOB } from "@/lib/mailboxes/schema";
import { useListChange } from "./bulk-rows-context";

export type InitialRow = Omit<EditorRow, "skip" | "derived" | "suffixed" | "password">;

// Loaded on first use: the parser and the name rules stay out of the page's first load.
let tools:
  | Promise<typeof import("@/lib/mailboxes/paste") & typeof import("@/lib/mailboxes/derive")>
  | undefined;
const listTools = () =>
  (tools ??= Promise.all([import("@/lib/mailboxes/paste"), import("@/lib/mailboxes/derive")]).then(
    ([paste, derive]) => ({ ...paste, ...derive }),
  ));

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
    const { fillMissingLocalParts } = await listTools();
    const derived = fillMissingLocalParts(
      store.provider,
      list.map((r) => ({ ...r, localPart: r.derived ? "" : r.localPart })),
      pattern,
      store.existing,
    );
    store.replace(
      list.map((r, i) => {
        const d = derived[i]!;
        if ("error" in d)
          return { ...r, localPart: r.derived ? "" : r.localPart, derived: false, suffixed: false };
        return { ...r, localPart: d.localPart, derived: d.derived, suffixed: d.suffixed };
      }),
    );
  };

  /**
   * Pasted or opened text, read into rows. Says why nothing was read (too many rows), or what
   * the admin should know about what was read (addresses on another domain, parser warnings).
   */
  const read = async (
    text: string,
    pattern: Pattern,
    domain: string,
  ): Promise<{ error: string } | { notice: string | undefined }> => {
    const { parsePaste } = await listTools();
    const parsed = parsePaste(text);
    if (parsed.rows.length > MAX_ROWS_PER_JOB) {
      return {
        error: `That is ${parsed.rows.length.toLocaleString("en")} rows; a job takes at most ${MAX_ROWS_PER_JOB.toLocaleString("en")}. Split the list.`,
      };
    }
    await load(
      parsed.rows.map((r) => ({
        firstName: r.firstName,
        lastName: r.lastName,
        localPart: r.localPart,
        password: r.password,
        skip: false,
        derived: false,
        suffixed: false,
        source: r.source,
      })),
      pattern,
    );
    // Addresses pasted for another domain are created on the chosen one: say so, never silently.
    const elsewhere = parsed.rows.filter(
      (r) => r.emailDomain && domain && r.emailDomain !== domain,
    ).length;
    const notes = [
      ...(elsewhere > 0
        ? [
            `${elsewhere} pasted addresses are on another domain; they will be created on ${domain}.`,
          ]
        : []),
      ...parsed.warnings.slice(0, 3),
    ];
    return { notice: notes.length > 0 ? notes.join(" ") : undefined };
  };

  /** Another provider: its rules for every row, and derived local parts made its way. */
  const changeProvider = async (provider: ProviderId, pattern: Pattern) => {
    if (provider === store.provider) return;
    store.setProvider(provider);
    if (store.count > 0) await load(store.rows(), pattern);
  };

  return { store, count: store.count, provider: store.provider, load, read, changeProvider };
}
