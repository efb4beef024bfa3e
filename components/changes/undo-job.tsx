"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { undoJobAction, undoPreviewAction } from "@/lib/actions/undo-job";
import { ConfirmDelete } from "./confirm-delete";

/**
 * "Delete the mailboxes this job created": the server reads which of them still exist, then the
 * same confirmation as any delete (type the domain and that count).
 */
export function UndoJob({ jobId }: { jobId: string }) {
  const t = useTranslations("changes");
  const text = useMessageText();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<{
    domain: string;
    count: number;
    submissionId: string;
  } | null>(null);

  const open = async () => {
    setReading(true);
    setError(undefined);
    const result = await undoPreviewAction({ jobId }).finally(() => setReading(false));
    if (!result.ok) {
      setError(text(result.formError, result.formErrorCode) ?? t("failed"));
      return;
    }
    if (result.data.count === 0) {
      setError(text(undefined, { key: "changes.nothingToUndo" }));
      return;
    }
    setPreview({ ...result.data, submissionId: crypto.randomUUID() });
  };

  if (preview) {
    return (
      <ConfirmDelete
        domain={preview.domain}
        count={preview.count}
        onCancel={() => setPreview(null)}
        onConfirm={(typed) =>
          undoJobAction({ ...typed, jobId, submissionId: preview.submissionId })
        }
      />
    );
  }
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        pending={reading}
        pendingLabel={t("undoReading")}
        onClick={() => void open()}
      >
        {t("undo")}
      </Button>
      <FormMessage>{error}</FormMessage>
    </div>
  );
}
