"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createFirstAdminAction } from "@/lib/actions/create-first-admin";
import { Button } from "@/components/ui/button";
import { postSignIn } from "@/lib/auth/sign-in-client";
import { Field, FormMessage } from "@/components/ui/field";
import { useMessageText } from "@/components/i18n/use-message-text";
import { applyFieldErrors } from "@/lib/actions/apply-field-errors";
import { setupSchema } from "@/lib/auth/schemas";

type Values = z.input<typeof setupSchema>;

export function SetupForm() {
  const t = useTranslations("setup");
  const text = useMessageText();
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const form = useForm<Values, unknown, z.output<typeof setupSchema>>({
    resolver: zodResolver(setupSchema),
    defaultValues: { name: "", email: "", password: "", confirm: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    const result = await createFirstAdminAction(values);
    if (!result.ok) {
      applyFieldErrors(form.setError, result.fieldErrors);
      setFormError(text(result.formError, result.formErrorCode));
      return;
    }
    // Sign the new admin in with what they just typed, then open the dashboard.
    const signedIn = await postSignIn(result.data.email, values.password).then(
      () => true,
      () => false,
    );
    router.replace(signedIn ? "/" : "/sign-in");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        label={t("name")}
        autoComplete="name"
        error={errors.name?.message}
        {...form.register("name")}
      />
      <Field
        label={t("email")}
        type="email"
        autoComplete="username"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <Field
        label={t("password")}
        type="password"
        autoComplete="new-password"
        hint={t("passwordHint")}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Field
        label={t("confirm")}
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register("confirm")}
      />
      <FormMessage>{formError}</FormMessage>
      <Button
        type="submit"
        className="w-full"
        pending={isSubmitting}
        pendingLabel={t("submitting")}
      >
        {t("submit")}
      </Button>
    </form>
  );
}
