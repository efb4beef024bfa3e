"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { applyFieldErrors } from "@/lib/actions/apply-field-errors";
import type { ActionResult } from "@/lib/actions/result";
import { confirmationProblems, confirmationSchema } from "@/lib/changes/schema";

type Input = z.input<typeof confirmationSchema>;
type Output = z.output<typeof confirmationSchema>;

/**
 * The confirmation every delete passes: type the domain's name and how many mailboxes will be
 * deleted. The same check runs in the action, against what the server read from the provider.
 */
export function ConfirmDelete({
  domain,
  count,
  onConfirm,
  onCancel,
}: {
  domain: string;
  count: number;
  onConfirm: (typed: Output) => Promise<ActionResult<{ jobId: string }>>;
  onCancel: () => void;
}) {
  const t = useTranslations("changes");
  const text = useMessageText();
  const router = useRouter();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(confirmationSchema),
    defaultValues: { confirmDomain: "", confirmCount: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (typed) => {
    const problems = confirmationProblems(typed, domain, count);
    if (problems) return applyFieldErrors(form.setError, problems);
    const result = await onConfirm(typed);
    if (result.ok) {
      router.push(`/jobs/${result.data.jobId}`);
      return;
    }
    applyFieldErrors(form.setError, result.fieldErrors);
    form.setError("root", {
      message: text(result.formError, result.formErrorCode) ?? t("failed"),
    });
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="confirm-delete-heading"
      className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4"
    >
      <h2 id="confirm-delete-heading" className="text-base font-semibold text-red-900">
        {t("confirmHeading", { count, domain })}
      </h2>
      <p className="text-sm text-red-900">{t("confirmWarning")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("typeDomainLabel", { domain })}
          autoComplete="off"
          spellCheck={false}
          error={errors.confirmDomain?.message}
          {...form.register("confirmDomain")}
        />
        <Field
          label={t("typeCountLabel", { count })}
          inputMode="numeric"
          autoComplete="off"
          error={errors.confirmCount?.message}
          {...form.register("confirmCount")}
        />
      </div>
      <FormMessage>{errors.root?.message}</FormMessage>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" pending={isSubmitting} pendingLabel={t("deleting")}>
          {t("deleteCount", { count })}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
