/** Field errors keyed by the dotted path of the form field (`rows.3.localPart`). */
export type FieldErrors = Record<string, string[]>;

/**
 * A failure whose message is written for the admin (and may name form fields). Any code may
 * throw it; the action wrapper shows its message, and hides every other thrown error behind a
 * reference.
 */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}
