/**
 * The one result type every server action returns. Field errors are keyed by the dotted path of
 * the form field (`rows.3.localPart`) so a form can hand them to react-hook-form's `setError`.
 * Never put a secret in it: it is serialised to the browser as-is.
 */
export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: FieldErrors };

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });

export const fail = (formError: string, fieldErrors?: FieldErrors): ActionResult<never> => ({
  ok: false,
  formError,
  ...(fieldErrors ? { fieldErrors } : {}),
});

/** A failure whose message is written for the admin; any other thrown error is hidden. */
export class ActionError extends Error {
  override name = "ActionError";
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}
