import { createTranslator } from "use-intl/core";
import en from "@/messages/en.json";
import type { Coded } from "./coded";

const t = createTranslator({ locale: "en", messages: en });

/**
 * A coded message worded in English, from the English catalog: what an API client, a log or a
 * screen not yet translated reads beside the code. One source for the English words.
 */
export function inEnglish({ key, params }: Coded): string {
  return (t as unknown as (k: string, p?: object) => string)(key, params);
}
