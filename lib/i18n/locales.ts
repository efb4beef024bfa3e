/** The console's languages; English is the default and the fallback. Isomorphic. */
export const LOCALES = ["en", "ko", "ja"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Remembers the choice before sign-in (and mirrors the saved one after it). */
export const LOCALE_COOKIE = "locale";
/** The browser's IANA time zone, so server-rendered times read in the reader's zone. */
export const TIME_ZONE_COOKIE = "tz";

/** Each language named in itself: a reader who cannot read the current one still finds theirs. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  ko: "한국어",
  ja: "日本語",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** An IANA zone this runtime knows, or null (a cookie is input like any other). */
export function validTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
