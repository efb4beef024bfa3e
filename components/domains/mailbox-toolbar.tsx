"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { searchHint } from "@/lib/domains/notes";
import { PAGE_SIZES, type MailboxView } from "@/lib/domains/view";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/** Search (on submit, not per keystroke: each search is a provider request) and page size. */
export function MailboxToolbar({
  provider,
  label,
  view,
  onChange,
}: {
  provider: ProviderId;
  label: string;
  view: MailboxView;
  onChange: (patch: Partial<MailboxView>) => void;
}) {
  const t = useTranslations("mailboxSearch");
  const word = useMessageText();
  const hint = searchHint(provider, label);
  const hintId = useId();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <form
          role="search"
          aria-label={t("label")}
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const search = new FormData(event.currentTarget).get("search");
            onChange({ search: typeof search === "string" ? search.trim() : "" });
          }}
        >
          <Field
            // A new search from the URL (back, Clear) resets what the field shows.
            key={view.search}
            label={t("field")}
            name="search"
            type="search"
            defaultValue={view.search}
            aria-describedby={hintId}
            className="w-72"
            maxLength={100}
          />
          <Button type="submit" variant="secondary">
            {t("submit")}
          </Button>
          {view.search ? (
            <Button type="button" variant="ghost" onClick={() => onChange({ search: "" })}>
              {t("clear")}
            </Button>
          ) : null}
        </form>
        <label className="text-sm font-medium text-slate-800">
          {t("perPage")}{" "}
          <select
            value={view.pageSize}
            onChange={(e) =>
              onChange({ pageSize: Number(e.target.value) as MailboxView["pageSize"] })
            }
            className="ml-1 rounded-md border border-slate-300 px-2 py-2 text-sm"
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={hintId} className="text-xs text-slate-500">
        {word(hint.key, hint)}
      </p>
    </div>
  );
}
