import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { ssoError } from "@/lib/auth/sso-errors";
import { currentUser, needsSetup } from "@/lib/auth/session";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await needsSetup()) redirect("/setup");
  if (await currentUser()) redirect("/");
  // Only a path on this site, as the browser would read it: never an open redirect.
  const params = await searchParams;
  const target = safeNextPath(params.next);
  const { oidc, passwordSignIn } = env().auth;
  const t = await getTranslations();
  // A failed single sign-on comes back here with Better Auth's error code (never its free text).
  const sso = typeof params.error === "string" && oidc ? ssoError(params.error, oidc.name) : null;
  const error = sso ? (t as unknown as (k: string, p?: object) => string)(sso.key, sso.params) : "";
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">{t("signIn.title")}</h1>
      <SignInForm
        next={target}
        passwords={passwordSignIn ? "all" : "break-glass"}
        {...(oidc ? { sso: { name: oidc.name } } : {})}
        {...(error ? { initialError: error } : {})}
      />
    </>
  );
}
