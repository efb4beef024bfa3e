"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "overview", adminOnly: false },
  { href: "/bulk", label: "bulk", adminOnly: false },
  { href: "/jobs", label: "jobs", adminOnly: false },
  { href: "/domains", label: "domains", adminOnly: false },
  { href: "/users", label: "users", adminOnly: true },
  { href: "/audit", label: "audit", adminOnly: true },
] as const;

export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1 text-sm font-medium">
      {links
        .filter((link) => isAdmin || !link.adminOnly)
        .map(({ href, label }) => {
          const active = href === "/" ? pathname === "/" : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={
                  active
                    ? "rounded-md bg-slate-900 px-3 py-2 text-white"
                    : "rounded-md px-3 py-2 text-slate-700 hover:bg-slate-200"
                }
              >
                {t(label)}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
