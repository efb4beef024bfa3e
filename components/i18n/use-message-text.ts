"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { decodeMessage, type Coded } from "@/lib/i18n/coded";

type Translate = { has: (key: string) => boolean } & ((key: string, params?: object) => string);

/**
 * Words a message from the server or a shared schema in the reader's locale: a code (object or
 * `key|{params}` text) through the catalogs; any other text as it came (words a screen outside
 * the catalogs still sends in English).
 */
export function useMessageText() {
  const t = useTranslations() as unknown as Translate;
  return useCallback(
    (text: string | undefined, code?: Coded): string | undefined => {
      const message = code ?? (text ? decodeMessage(text) : null);
      if (message && t.has(message.key)) return t(message.key, message.params);
      return text;
    },
    [t],
  );
}
