import { decodeMessage, type Coded } from "@/lib/i18n/coded";
import { inEnglish } from "@/lib/i18n/english";

/**
 * A message as an English reader sees it: a code (a `Coded`, or `key|{params}` text) worded from
 * messages/en.json; plain text as it is. For tests that assert the words.
 */
export function words(message: string | Coded | undefined): string | undefined {
  if (message === undefined) return undefined;
  if (typeof message !== "string") return inEnglish(message);
  const code = decodeMessage(message);
  return code ? inEnglish(code) : message;
}
