import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
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
  const target = safeNextPath((await searchParams).next);
  const oidc = env().auth.oidc;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm next={target} {...(oidc ? { sso: { name: oidc.name } } : {})} />
    </>
  );
}
