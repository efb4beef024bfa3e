import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { ssoErrorMessage } from "@/lib/auth/sso-errors";
import { currentUser, needsSetup } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

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
  // A failed single sign-on comes back here with Better Auth's error code (never its free text).
  const error =
    typeof params.error === "string" && oidc ? ssoErrorMessage(params.error, oidc.name) : undefined;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm
        next={target}
        passwords={passwordSignIn ? "all" : "break-glass"}
        {...(oidc ? { sso: { name: oidc.name } } : {})}
        {...(error ? { initialError: error } : {})}
      />
    </>
  );
}
