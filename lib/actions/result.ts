import type { Coded } from "@/lib/i18n/coded";
import type { FieldErrors } from "@/lib/user-error";

export type { FieldErrors };

/**
 * The one result type every server action returns. Field errors are keyed by the dotted path of
 * the form field (`rows.3.localPart`) so a form can hand them to react-hook-form's `setError`.
 * Never put a secret in it: it is serialised to the browser as-is. `formErrorCode` is the same
 * message as a catalog key and parameters, which the browser words in the reader's locale;
 * `formError` is its English wording (for API clients, logs and screens not yet translated).
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; formErrorCode?: Coded; fieldErrors?: FieldErrors };
