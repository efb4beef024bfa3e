import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setup"))("metaTitle") };
}

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/sign-in");
  const t = await getTranslations("setup");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t("intro")}</p>
      <SetupForm />
    </>
  );
}
