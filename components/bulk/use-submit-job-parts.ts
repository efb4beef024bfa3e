"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { submitJobPartAction } from "@/lib/actions/submit-job-part";
import type { BulkRowStore } from "@/lib/bulk/row-store";
import { submitInParts, wireRows } from "@/lib/bulk/submit-parts";
import type { Coded } from "@/lib/i18n/coded";

/** A message under the editor, as catalog codes: worded by the editor in the reader's locale. */
export interface EditorMessage {
  tone: "error" | "success";
  message: Coded;
  /** The list went in several parts, and this one was refused. */
  part?: { part: number; parts: number } | undefined;
}

/**
 * Submitting the list in parts (lib/bulk/submit-parts.ts), then opening its job. Any change to
 * the list makes it a new submission and clears the last message; sending the same list again
 * after a refused part sends only the parts the server does not have yet.
 */
export function useSubmitJobParts(
  store: BulkRowStore,
  options: { domain: string; retryOf?: string | undefined; onRefusedRow?: (row: number) => void },
) {
  const router = useRouter();
  const [sending, setSending] = useState<Coded>();
  const [message, setMessage] = useState<EditorMessage>();
  // Made when first sent, not on each render.
  const submissionId = useRef<string | null>(null);

  useEffect(
    () =>
      store.subscribe(() => {
        submissionId.current = null;
        // Unchanged when already clear: a keystroke must not re-render the editor.
        setMessage((m) => (m === undefined ? m : undefined));
      }),
    [store],
  );

  const submit = async () => {
    setMessage(undefined);
    // Never sent unconfirmed: a romanised local part is the admin's only once accepted.
    const waiting = store.suggestions(1)[0];
    if (waiting !== undefined) {
      setMessage({ tone: "error", message: { key: "bulk.submit.reviewFirst" } });
      options.onRefusedRow?.(waiting);
      return;
    }
    const outcome = await submitInParts(
      {
        submissionId: (submissionId.current ??= crypto.randomUUID()),
        provider: store.provider,
        domain: options.domain,
        retryOf: options.retryOf,
        rows: wireRows(store),
      },
      submitJobPartAction,
      setSending,
    );
    if (!outcome.ok) {
      setSending(undefined);
      setMessage({ tone: "error", message: outcome.message, part: outcome.part });
      if (outcome.row !== undefined) options.onRefusedRow?.(outcome.row);
      return;
    }
    setSending({ key: "bulk.submit.opening" });
    router.push(`/jobs/${outcome.jobId}`);
  };

  return { sending, message, setMessage, submit };
}
