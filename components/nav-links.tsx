"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/", label: "Overview" },
  { href: "/bulk", label: "Bulk create" },
  { href: "/jobs", label: "Jobs" },
  { href: "/domains", label: "Domains" },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 text-sm font-medium">
      {links.map(({ href, label }) => {
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
