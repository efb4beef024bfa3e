import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser, needsSetup } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  if (await needsSetup()) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next } = await searchParams;
  // Only a path on this site: never an open redirect to somewhere else.
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";
  const oidc = env().auth.oidc;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm next={target} {...(oidc ? { sso: { name: oidc.name } } : {})} />
    </>
  );
}
