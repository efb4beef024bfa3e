import "server-only";
import { getTranslations } from "next-intl/server";
import type { FailedWords, ResultsWords } from "./exports";
import { DONE_KEYS } from "./labels";

/** The exports' headers, states and reasons in the reader's locale (the route handlers'). */
export async function resultsWordsInLocale(): Promise<ResultsWords> {
  const [t, tState, tFailure, tReason, tChanges] = await Promise.all([
    getTranslations("resultsCsv"),
    getTranslations("rowStates"),
    getTranslations("failures"),
    getTranslations("failures.row"),
    getTranslations("changes"),
  ]);
  return {
    word: (name) => t(name),
    state: (state, kind = "create") =>
      kind !== "create" && state === "created"
        ? tChanges(DONE_KEYS[kind])
        : tState.has(state as "created")
          ? tState(state as "created")
          : state,
    reason: (code) =>
      !code
        ? tFailure("none")
        : tReason.has(code as "stopped")
          ? tReason(code as "stopped")
          : tFailure("other", { code }),
  };
}

/**
 * The failed-rows file's own column and reasons in the reader's locale. Its other headers are the
 * admin's own (the pasted ones), so it reads back in; the error column is one the paste reader
 * knows to leave out in every locale (lib/mailboxes/headers.ts).
 */
export async function failedWordsInLocale(): Promise<FailedWords> {
  const [words, t] = await Promise.all([resultsWordsInLocale(), getTranslations("resultsCsv")]);
  return { error: t("error"), reason: words.reason };
}
