import type { FieldErrors } from "@/lib/user-error";

export type { FieldErrors };

/**
 * The one result type every server action returns. Field errors are keyed by the dotted path of
 * the form field (`rows.3.localPart`) so a form can hand them to react-hook-form's `setError`.
 * Never put a secret in it: it is serialised to the browser as-is.
 */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: FieldErrors };
