import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/nav-links";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Pages check again themselves: a layout does not re-render on every navigation.
  const user = await requireUser();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <Link href="/" className="text-base font-semibold tracking-tight">
            Mailbox Console
          </Link>
          <nav aria-label="Main">
            <NavLinks isAdmin={user.role === "admin"} />
          </nav>
          <div className="flex items-center gap-2 text-sm" aria-label="Signed in user">
            <span className="text-slate-700">{user.name}</span>
            <Badge>{ROLE_LABELS[user.role]}</Badge>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">
        {children}
      </main>
    </div>
  );
}
