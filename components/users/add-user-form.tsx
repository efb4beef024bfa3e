"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { createUserAction } from "@/lib/actions/create-user";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useMessageText } from "@/components/i18n/use-message-text";
import { applyFieldErrors } from "@/lib/actions/apply-field-errors";
import { ROLES } from "@/lib/auth/roles";
import { createUserSchema } from "@/lib/auth/schemas";

type Values = z.input<typeof createUserSchema>;

export function AddUserForm() {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const tDescriptions = useTranslations("roleDescriptions");
  const text = useMessageText();
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const form = useForm<Values, unknown, z.output<typeof createUserSchema>>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { name: "", email: "", role: "operator", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const role = useWatch({ control: form.control, name: "role" });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(undefined);
    const result = await createUserAction(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      setMessage({
        tone: "error",
        text: text(result.formError, result.formErrorCode) ?? t("didNotWork"),
      });
      return;
    }
    setMessage({
      tone: "success",
      text: t("added", { email: values.email }),
    });
    form.reset();
    router.refresh();
  });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-4 md:grid-cols-2"
      aria-label={t("addHeading")}
    >
      <Field label={t("formName")} error={errors.name?.message} {...form.register("name")} />
      <Field
        label={t("formEmail")}
        type="email"
        autoComplete="off"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <div>
        <label htmlFor="new-user-role" className="block text-sm font-medium text-slate-800">
          {t("formRole")}
        </label>
        <select
          id="new-user-role"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          aria-describedby="new-user-role-hint"
          {...form.register("role")}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {tRoles(role)}
            </option>
          ))}
        </select>
        <p id="new-user-role-hint" className="mt-1 text-xs text-slate-500">
          {tDescriptions(role)}
        </p>
      </div>
      <Field
        label={t("formPassword")}
        type="password"
        autoComplete="new-password"
        hint={t("formPasswordHint")}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <div className="md:col-span-2">
        <FormMessage tone={message?.tone}>{message?.text}</FormMessage>
      </div>
      <div>
        <Button type="submit" pending={isSubmitting} pendingLabel={t("adding")}>
          {t("add")}
        </Button>
      </div>
    </form>
  );
}
