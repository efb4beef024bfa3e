"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Overview", adminOnly: false },
  { href: "/bulk", label: "Bulk create", adminOnly: false },
  { href: "/jobs", label: "Jobs", adminOnly: false },
  { href: "/domains", label: "Domains", adminOnly: false },
  { href: "/users", label: "Users", adminOnly: true },
  { href: "/audit", label: "Audit", adminOnly: true },
] as const;

export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
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
                {label}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
