"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { type MailboxView, parseView, viewToParams } from "@/lib/domains/view";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * The view lives in the URL, so reload, back and a shared link all show the same page. Changes
 * go through the History API, which Next.js folds into its router: useSearchParams updates and
 * no server round trip is made (React Query fetches the one thing that changed).
 */
export function useMailboxView(provider: ProviderId) {
  const searchParams = useSearchParams();
  const view = useMemo(() => parseView(searchParams, provider), [searchParams, provider]);
  const setView = useCallback((next: MailboxView) => {
    const query = viewToParams(next).toString();
    window.history.pushState(null, "", query ? `?${query}` : window.location.pathname);
  }, []);
  return [view, setView] as const;
}
