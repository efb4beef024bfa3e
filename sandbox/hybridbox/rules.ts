/*
 * Hybridbox publishes no rules for local parts or names; these are the sandbox's [assumed]
 * rules (see sandbox/README.md). They are written here on their own, not imported from lib/, so
 * that agreement tests between lib/ and the sandbox can catch drift.
 */

const LOCAL_PART_MAX = 64;
const NAME_MAX = 100;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `value` is not an acceptable local part, or null when it is. */
export function localPartProblem(value: string): string | null {
  if (value.length === 0 || value.length > LOCAL_PART_MAX) {
    return `local part must be 1-${LOCAL_PART_MAX} characters`;
  }
  if (/[A-Z]/.test(value)) return "local part must be lower case";
  if (!/^[a-z0-9._-]+$/.test(value)) {
    return "local part may only contain a-z, 0-9, '.', '_' and '-'";
  }
  if (!/^[a-z0-9]/.test(value) || !/[a-z0-9]$/.test(value)) {
    return "local part must start and end with a letter or digit";
  }
  if (value.includes("..")) return "local part must not contain '..'";
  return null;
}

export type NamesCheck =
  | { ok: true; firstName: string; lastName: string }
  | { ok: false; field: "first_name" | "last_name"; message: string };

/** Checks one name; `min` is 1 for first_name and 0 for last_name. Lengths count code points. */
export function nameProblem(field: "first_name" | "last_name", value: string): string | null {
  if (CONTROL.test(value)) return `${field} must not contain control characters`;
  const length = [...value.trim()].length;
  const min = field === "first_name" ? 1 : 0;
  if (length < min || length > NAME_MAX) {
    return min === 1
      ? `${field} must be 1-${NAME_MAX} characters`
      : `${field} must be at most ${NAME_MAX} characters`;
  }
  return null;
}

/** Both names, trimmed when valid (the stored value is the trimmed one). */
export function checkNames(firstName: string, lastName: string): NamesCheck {
  const firstProblem = nameProblem("first_name", firstName);
  if (firstProblem) return { ok: false, field: "first_name", message: firstProblem };
  const lastProblem = nameProblem("last_name", lastName);
  if (lastProblem) return { ok: false, field: "last_name", message: lastProblem };
  return { ok: true, firstName: firstName.trim(), lastName: lastName.trim() };
}
