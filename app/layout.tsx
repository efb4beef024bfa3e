import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TimeZoneCookie } from "@/components/i18n/time-zone-cookie";
import { QueryProvider } from "@/components/query-provider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry this response's CSP nonce (proxy.ts),
  // which a page prerendered at build time (the 404 page, for one) could not have.
  await connection();
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        {/* Messages, locale and time zone pass to client components from lib/i18n/request.ts. */}
        <NextIntlClientProvider>
          <TimeZoneCookie serverZone={timeZone} />
          <QueryProvider>{children}</QueryProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
