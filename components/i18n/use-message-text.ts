"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { FetchError, failureCode } from "@/lib/client/fetch-json";
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

/**
 * Why a call to the console's own routes failed, in the reader's locale: the route's code when it
 * sent one, "no answer" or "HTTP 500" when it sent no sentence, else the sentence as it came.
 */
export function useErrorText() {
  const t = useTranslations("errors");
  const words = useMessageText();
  return useCallback(
    (error: unknown): string => {
      const code = failureCode(error);
      if (code) return words(undefined, code) ?? "";
      if (error instanceof FetchError) {
        if (error.status === 0) return t("noAnswer");
        if (!error.serverMessage) return t("httpStatus", { status: error.status });
      }
      return error instanceof Error ? error.message : String(error);
    },
    [t, words],
  );
}
