import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FieldErrors } from "./result";

/** Puts a server action's field errors back on the form's fields (the server has the last word). */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fieldErrors: FieldErrors | undefined,
): void {
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    if (path && messages[0]) setError(path as Path<T>, { type: "server", message: messages[0] });
  }
}
