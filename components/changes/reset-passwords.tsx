"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { resetMailboxPasswordsAction } from "@/lib/actions/reset-mailbox-passwords";
import type { FieldErrors } from "@/lib/actions/result";
import { type Selection, newPasswordSchema } from "@/lib/changes/schema";
import { codedText } from "@/lib/i18n/coded";

/**
 * New passwords for the selected Z.com mailboxes: generated (each its own), or one typed for one
 * mailbox, checked in the browser by the same rules the server applies. Confirmed by the count.
 */
export function ResetPasswords({
  domain,
  count,
  selection,
  submissionId,
  onCancel,
}: {
  domain: string;
  count: number;
  selection: Selection;
  submissionId: string;
  onCancel: () => void;
}) {
  const t = useTranslations("changes");
  const text = useMessageText();
  const router = useRouter();
  const [mode, setMode] = useState<"generate" | "typed">("generate");
  const [password, setPassword] = useState("");
  const [typedCount, setTypedCount] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const chosen = mode === "typed" ? { mode, password } : { mode };
    const checked = newPasswordSchema.safeParse(chosen);
    const problems: FieldErrors = {};
    if (!checked.success) problems.password = checked.error.issues.map((i) => i.message);
    if (Number(typedCount) !== count) {
      problems.confirmCount = [codedText("changes.countMismatchReset", { count })];
    }
    setErrors(problems);
    if (!checked.success || Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await resetMailboxPasswordsAction({
      submissionId,
      provider: "zcom",
      domain,
      selection,
      password: checked.data,
      confirmCount: count,
    }).finally(() => setPending(false));
    if (result.ok) return router.push(`/jobs/${result.data.jobId}`);
    setErrors(result.fieldErrors ?? {});
    setFormError(text(result.formError, result.formErrorCode) ?? t("failed"));
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="reset-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="reset-heading" className="text-base font-semibold">
        {t("resetHeading", { count })}
      </h2>
      <fieldset className="space-y-1 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="password-mode"
            checked={mode === "generate"}
            onChange={() => setMode("generate")}
          />
          {t("resetGenerate")}
        </label>
        {count === 1 ? (
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="password-mode"
              checked={mode === "typed"}
              onChange={() => setMode("typed")}
            />
            {t("resetTyped")}
          </label>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {mode === "typed" ? (
          <Field
            label={t("passwordLabel")}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password?.[0]}
          />
        ) : null}
        <Field
          label={t("typeCountLabel", { count })}
          inputMode="numeric"
          autoComplete="off"
          value={typedCount}
          onChange={(e) => setTypedCount(e.target.value)}
          error={errors.confirmCount?.[0]}
        />
      </div>
      <p className="text-sm text-slate-600">{t("resetNote")}</p>
      <FormMessage>{formError}</FormMessage>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} pendingLabel={t("starting")}>
          {t("resetSubmit", { count })}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
