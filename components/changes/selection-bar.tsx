"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** What is selected on the domain view, "select all N that match", and the actions offered. */
export function SelectionBar({
  count,
  total,
  all,
  pageSelected,
  onSelectAll,
  onClear,
  onDelete,
  onResetPasswords,
  onEditNames,
  onSwapNames,
}: {
  count: number;
  total: number;
  all: boolean;
  pageSelected: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  /** Offered only to those who may delete (admins). */
  onDelete?: () => void;
  /** Z.com, operators and admins. */
  onResetPasswords?: () => void;
  /** Hybridbox, operators and admins. */
  onEditNames?: () => void;
  onSwapNames?: () => void;
}) {
  const t = useTranslations("changes");
  if (count === 0) return null;
  return (
    <div
      role="region"
      aria-label={t("selectionActions")}
      className="flex flex-wrap items-center gap-3 rounded-md bg-slate-100 px-3 py-2 text-sm"
    >
      <p role="status" aria-live="polite" className="font-medium text-slate-900">
        {all ? t("allSelected", { total }) : t("selectedCount", { count })}
      </p>
      {!all && pageSelected && total > count ? (
        <Button type="button" variant="ghost" className="underline" onClick={onSelectAll}>
          {t("selectAll", { total })}
        </Button>
      ) : null}
      <Button type="button" variant="ghost" onClick={onClear}>
        {t("clear")}
      </Button>
      <span className="flex-1" />
      {onResetPasswords ? (
        <Button type="button" variant="secondary" onClick={onResetPasswords}>
          {t("resetPasswords")}
        </Button>
      ) : null}
      {onEditNames ? (
        <Button type="button" variant="secondary" onClick={onEditNames}>
          {t("editNames")}
        </Button>
      ) : null}
      {onSwapNames ? (
        <Button type="button" variant="secondary" onClick={onSwapNames}>
          {t("swap")}
        </Button>
      ) : null}
      {onDelete ? (
        <Button type="button" variant="danger" onClick={onDelete}>
          {t("delete")}
        </Button>
      ) : null}
    </div>
  );
}
