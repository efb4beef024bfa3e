import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup } from "@/lib/auth/session";

export const metadata: Metadata = { title: "First-run setup" };

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/sign-in");
  return (
    <>
      <h1 className="text-xl font-semibold">Welcome</h1>
      <p className="mt-1 mb-4 text-sm text-slate-600">
        Nobody can use this console yet. Create the first admin account; you can add other people
        and give them roles afterwards.
      </p>
      <SetupForm />
    </>
  );
}
