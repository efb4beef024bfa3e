import { match } from "@formatjs/intl-localematcher";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";

/**
 * The best of our locales for an Accept-Language header: `ko-KR` → ko, `ja` → ja, anything we do
 * not have → en. Quality values order the tags; a tag with q=0 is refused, as RFC 9110 says.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const requested = parseAcceptLanguage(acceptLanguage ?? "");
  if (requested.length === 0) return DEFAULT_LOCALE;
  try {
    return match(requested, LOCALES, DEFAULT_LOCALE, { algorithm: "best fit" }) as Locale;
  } catch {
    return DEFAULT_LOCALE; // a tag Intl cannot canonicalise
  }
}

function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter(({ tag, quality }) => quality > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map(({ tag }) => tag);
}
