"use server";

import { cookies } from "next/headers";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { setLocaleSchema } from "@/lib/i18n/schema";
import { savedLocale, saveLocale } from "@/lib/i18n/user-locale";

/**
 * Saves the signed-in user's console language (every browser they use follows it) and mirrors
 * it in the cookie, which the sign-in page reads after they sign out.
 */
export const setLocaleAction = action(
  { name: "setLocale", schema: setLocaleSchema, role: "viewer" },
  async ({ locale }, ctx) => {
    const before = await savedLocale(ctx.user.id);
    await saveLocale(ctx.user.id, locale);
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: "/",
      sameSite: "lax",
      maxAge: 60 * 60 * 24 * 365,
    });
    if (before !== locale) {
      await recordAudit({
        action: "user.locale_changed",
        actor: ctx.user,
        target: ctx.user.email,
        details: { from: before, to: locale },
        ip: ctx.ip,
      });
    }
    return { locale };
  },
);
