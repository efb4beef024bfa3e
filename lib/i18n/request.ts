import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { currentUser } from "@/lib/auth/session";
import { isLocale, LOCALE_COOKIE, TIME_ZONE_COOKIE, validTimeZone, type Locale } from "./locales";
import { negotiateLocale } from "./negotiate";
import { savedLocale } from "./user-locale";

/**
 * The reader's locale, without locale-prefixed URLs: the signed-in user's saved choice, else the
 * cookie the switcher sets (also before sign-in), else the browser's Accept-Language.
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const user = await currentUser();
  const saved = user ? await savedLocale(user.id) : null;
  if (saved) return saved;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return negotiateLocale((await headers()).get("accept-language"));
});

/** next-intl's per-request configuration (wired in next.config.mjs). */
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isLocale(explicit) ? explicit : await requestLocale();
  // The browser reports its zone in a cookie (components/time-zone-cookie.tsx); UTC until then.
  const timeZone = validTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? "UTC";
  return {
    locale,
    timeZone,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
