"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/next-path";
import { postSignIn } from "@/lib/auth/sign-in-client";
import { FetchError, postJson } from "@/lib/client/fetch-json";
import { Field, FormMessage } from "@/components/ui/field";
import type { Coded } from "@/lib/i18n/coded";
import { signInSchema } from "@/lib/auth/schemas";

type Values = z.input<typeof signInSchema>;

/**
 * Posts straight to Better Auth's endpoint, which rate-limits attempts and sets the cookie.
 * `passwords: "break-glass"`: password sign-in is off, and the form is folded away for the
 * emergency admin; single sign-on is the way in.
 */
export function SignInForm({
  next,
  sso,
  passwords = "all",
  initialError,
}: {
  next: string;
  sso?: { name: string };
  passwords?: "all" | "break-glass";
  initialError?: string;
}) {
  const t = useTranslations("signIn");
  const router = useRouter();
  const [failure, setFailure] = useState<Coded | undefined>();
  const [initial, setInitial] = useState(initialError);
  const setFormError = (code: Coded | undefined) => {
    setInitial(undefined);
    setFailure(code);
  };
  const formError = failure
    ? (t as unknown as (k: string, p?: object) => string)(failure.key, failure.params)
    : initial;
  const form = useForm<Values, unknown, z.output<typeof signInSchema>>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await postSignIn(values.email, values.password);
    } catch (error) {
      setFormError(explain(error));
      return;
    }
    router.replace(safeNextPath(next));
    router.refresh();
  });

  const signInWithSso = async () => {
    setFormError(undefined);
    // Better Auth 1.7 signs in through a generic OAuth provider as a social one.
    try {
      const body = await postJson<{ url?: string }>("/api/auth/sign-in/social", {
        provider: "oidc",
        callbackURL: safeNextPath(next),
        errorCallbackURL: "/sign-in",
      });
      if (body.url) window.location.assign(body.url);
      else setFormError(explain(null));
    } catch (error) {
      setFormError(explain(error));
    }
  };

  const ssoButton = sso ? (
    <Button
      type="button"
      variant={passwords === "all" ? "secondary" : "primary"}
      className="w-full"
      onClick={signInWithSso}
    >
      {t("withSso", { idp: sso.name })}
    </Button>
  ) : null;
  const passwordFields = (
    <>
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
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
    </>
  );
  const submit = (
    <Button type="submit" className="w-full" pending={isSubmitting} pendingLabel={t("submitting")}>
      {t("submit")}
    </Button>
  );

  if (passwords === "break-glass") {
    return (
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormMessage>{formError}</FormMessage>
        {ssoButton}
        <details className="rounded-md border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer text-slate-600">{t("breakGlassSummary")}</summary>
          <p className="mt-2 mb-3 text-slate-600">{t("breakGlassNote")}</p>
          <div className="space-y-4">
            {passwordFields}
            {submit}
          </div>
        </details>
      </form>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {passwordFields}
      <FormMessage>{formError}</FormMessage>
      {submit}
      {ssoButton}
    </form>
  );
}

/** Why sign-in failed, from the FetchError's status (Better Auth's own answers); a catalog key. */
function explain(error: unknown): Coded {
  if (!(error instanceof FetchError)) return { key: "failedOnServer" };
  if (error.status === 0) return { key: "noAnswer" };
  if (error.status === 429) {
    const wait = Number(error.headers?.get("x-retry-after"));
    return Number.isFinite(wait) && wait > 0
      ? { key: "tooManyWaitSeconds", params: { seconds: wait } }
      : { key: "tooManyWaitMinute" };
  }
  if (error.status === 401) return { key: "wrongPassword" };
  if (error.status === 403) {
    const code = (error.body as { code?: unknown } | null)?.code;
    if (code === "PASSWORD_SIGN_IN_OFF") return { key: "passwordSignInOff" };
    return /ban/i.test(error.serverMessage ?? "") ? { key: "disabled" } : { key: "refused" };
  }
  return { key: "failedOnServer" };
}
