"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { existingLocalPartsAction } from "@/lib/actions/existing-local-parts";
import type { BulkRowStore } from "@/lib/bulk/row-store";
import type { Coded } from "@/lib/i18n/coded";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * Which addresses already exist on the chosen domain: rows with one are marked to be skipped,
 * and a note says how many exist (or why they could not be read). Only the latest domain's
 * answer counts, so a slow answer for a domain left behind does not mark rows.
 */
export function useExistingAddresses(store: BulkRowStore, initialDomain: string | undefined) {
  const [note, setNote] = useState<Coded>();
  const asked = useRef(0);

  const check = useCallback(
    async (provider: ProviderId, domain: string) => {
      if (!domain) return;
      const ticket = ++asked.current;
      setNote({ key: "bulk.existing.checking" });
      const result = await existingLocalPartsAction({ provider, domain });
      if (ticket !== asked.current) return;
      if (!result.ok) {
        setNote(
          result.formErrorCode ?? {
            key: "bulk.submit.serverSaid",
            params: { text: result.formError ?? "" },
          },
        );
        return;
      }
      const found = new Set(result.data.localParts);
      store.setExisting(found, true);
      setNote({ key: "bulk.existing.found", params: { count: found.size, domain } });
    },
    [store],
  );

  const clear = useCallback(() => {
    asked.current += 1;
    store.setExisting(new Set());
    setNote(undefined);
  }, [store]);

  // A preset domain (from a domain page or "retry failed"): look for existing addresses at once.
  const checkedInitial = useRef(false);
  useEffect(() => {
    if (checkedInitial.current || !initialDomain) return;
    checkedInitial.current = true;
    void check(store.provider, initialDomain);
  }, [check, store, initialDomain]);

  return { note, check, clear };
}
