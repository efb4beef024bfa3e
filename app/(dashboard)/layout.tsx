import Link from "next/link";
import { getTimeZone, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { NavLinks } from "@/components/nav-links";
import { Badge } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Pages check again themselves: a layout does not re-render on every navigation.
  const user = await requireUser();
  const [t, tRoles, timeZone] = await Promise.all([
    getTranslations("header"),
    getTranslations("roles"),
    getTimeZone(),
  ]);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <Link href="/" className="text-base font-semibold tracking-tight">
            {(await getTranslations("app"))("name")}
          </Link>
          <nav aria-label={t("mainNav")}>
            <NavLinks isAdmin={user.role === "admin"} />
          </nav>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <LocaleSwitcher signedIn />
            <div className="flex items-center gap-2" aria-label={t("signedInUser")} role="group">
              <span className="text-slate-700">{user.name}</span>
              <Badge>{tRoles(user.role)}</Badge>
              <SignOutButton />
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        {children}
      </main>
      <footer className="mx-auto w-full max-w-6xl px-6 pb-6 text-xs text-slate-500">
        {t("timeZone", { zone: timeZone })}
      </footer>
    </div>
  );
}
