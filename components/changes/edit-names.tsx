"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMessageText } from "@/components/i18n/use-message-text";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { updateMailboxNamesAction } from "@/lib/actions/update-mailbox-names";
import type { ActionResult, FieldErrors } from "@/lib/actions/result";
import { nameChangeSchema, type Selection } from "@/lib/changes/schema";
import { codedText } from "@/lib/i18n/coded";
import type { MailboxRow } from "@/lib/domains/types";

function useFinish() {
  const t = useTranslations("changes");
  const text = useMessageText();
  const router = useRouter();
  return (
    result: ActionResult<{ jobId: string }>,
    fail: (message: string, f?: FieldErrors) => void,
  ) => {
    if (result.ok) router.push(`/jobs/${result.data.jobId}`);
    else fail(text(result.formError, result.formErrorCode) ?? t("failed"), result.fieldErrors);
  };
}

/**
 * Edit the names of the mailboxes selected on this page, one by one; "Swap first and last names"
 * swaps every row of the form (a column pasted the wrong way round). Checked by the rules of
 * creation in the browser and again on the server.
 */
export function EditNames({
  domain,
  mailboxes,
  submissionId,
  onCancel,
}: {
  domain: string;
  mailboxes: readonly MailboxRow[];
  submissionId: string;
  onCancel: () => void;
}) {
  const t = useTranslations("changes");
  const finish = useFinish();
  const [names, setNames] = useState(() =>
    mailboxes.map((m) => ({ id: m.id, firstName: m.firstName ?? "", lastName: m.lastName ?? "" })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);
  const set = (i: number, field: "firstName" | "lastName", value: string) =>
    setNames((all) => all.map((n, j) => (j === i ? { ...n, [field]: value } : n)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    const problems: FieldErrors = {};
    names.forEach((n, i) => {
      const checked = nameChangeSchema.safeParse(n);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          (problems[`items.${i}.${String(issue.path[0])}`] ??= []).push(issue.message);
        }
      }
    });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await updateMailboxNamesAction({
      submissionId,
      provider: "hybridbox",
      domain,
      changes: { mode: "set", items: names },
    }).finally(() => setPending(false));
    finish(result, (message, fieldErrors) => {
      setFormError(message);
      setErrors(fieldErrors ?? {});
    });
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="names-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="names-heading" className="text-base font-semibold">
        {t("namesHeading", { count: names.length })}
      </h2>
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          setNames((all) =>
            all.map((n) => ({ ...n, firstName: n.lastName, lastName: n.firstName })),
          )
        }
      >
        {t("swap")}
      </Button>
      <div className="max-h-96 space-y-2 overflow-y-auto">
        {mailboxes.map((m, i) => (
          <div key={m.id} className="grid gap-2 sm:grid-cols-[1fr_1fr_1fr] sm:items-end">
            <p className="font-mono text-xs break-all">{m.address}</p>
            <Field
              label={t("firstNameOf", { address: m.address })}
              value={names[i]!.firstName}
              onChange={(e) => set(i, "firstName", e.target.value)}
              error={errors[`items.${i}.firstName`]?.[0]}
            />
            <Field
              label={t("lastNameOf", { address: m.address })}
              value={names[i]!.lastName}
              onChange={(e) => set(i, "lastName", e.target.value)}
              error={errors[`items.${i}.lastName`]?.[0]}
            />
          </div>
        ))}
      </div>
      <FormMessage>{formError}</FormMessage>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} pendingLabel={t("starting")}>
          {t("saveNames")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Swap first and last names of every mailbox that matches (all of a search): confirm the count. */
export function SwapNames({
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
  const finish = useFinish();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    if (Number(typed) !== count) {
      setError(codedText("changes.countMismatchNames", { count }));
      return;
    }
    setError(undefined);
    setPending(true);
    const result = await updateMailboxNamesAction({
      submissionId,
      provider: "hybridbox",
      domain,
      changes: { mode: "swap", selection, confirmCount: count },
    }).finally(() => setPending(false));
    finish(result, (message, fieldErrors) => {
      setFormError(message);
      setError(fieldErrors?.confirmCount?.[0]);
    });
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="swap-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id="swap-heading" className="text-base font-semibold">
        {t("swapHeading", { count })}
      </h2>
      <Field
        label={t("typeCountLabel", { count })}
        inputMode="numeric"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        error={error}
      />
      <FormMessage>{formError}</FormMessage>
      <div className="flex gap-2">
        <Button type="submit" pending={pending} pendingLabel={t("starting")}>
          {t("swapSubmit", { count })}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
