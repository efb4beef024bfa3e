"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { setLocaleAction } from "@/lib/actions/set-locale";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale } from "@/lib/i18n/locales";

/**
 * The language menu. Signed in, the choice is saved on the user (a server action); before sign-in
 * only a cookie remembers it. Either way the page renders again in the new language.
 */
export function LocaleSwitcher({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("localeSwitcher");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [failed, setFailed] = useState(false);

  const choose = (next: string) => {
    if (!isLocale(next)) return;
    setFailed(false);
    startTransition(async () => {
      if (signedIn) {
        const result = await setLocaleAction({ locale: next });
        if (!result.ok) {
          setFailed(true);
          return;
        }
      } else {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
      }
      router.refresh();
    });
  };

  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600">
        {t("label")}
      </label>
      <select
        id={id}
        value={locale}
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => choose(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {/* Only when it failed: a page's own status region stays the only one (tests find it). */}
      {failed ? (
        <span role="alert" className="text-red-700">
          {t("failed")}
        </span>
      ) : null}
    </div>
  );
}
