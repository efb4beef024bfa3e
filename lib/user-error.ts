import type { Coded } from "@/lib/i18n/coded";
import { inEnglish } from "@/lib/i18n/english";

/** Field errors keyed by the dotted path of the form field (`rows.3.localPart`). */
export type FieldErrors = Record<string, string[]>;

/**
 * A failure whose message is written for the admin (and may name form fields). Any code may
 * throw it; the action wrapper shows its message, and hides every other thrown error behind a
 * reference.
 */
export class UserError extends Error {
  override name = "UserError";
  /** The message as a catalog code, when it has one (the browser words it in its locale). */
  code?: Coded;
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }

  /** A failure worded from the catalogs: English in `message`, the code beside it. */
  static coded(code: Coded, fieldErrors?: FieldErrors): UserError {
    const error = new UserError(inEnglish(code), fieldErrors);
    error.code = code;
    return error;
  }
}
