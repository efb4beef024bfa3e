import { z } from "zod";
import { codedText } from "@/lib/i18n/coded";
import { codePointLength, disallowedChars, hasControlChar, listChars } from "./characters";
import type { ProviderId } from "./provider-id";

// Z.com rules are published [doc]; Hybridbox publishes none, so its rules are the sandbox's
// [assumed] ones (shared/providers/*.md). Every rule returns all of its problems at once, in words an
// admin can act on, because a bulk paste is fixed row by row. The problems are catalog codes
// ("rowRules.*", lib/i18n/coded.ts): the grid words them in the reader's locale, and the English
// wording is messages/en.json's.

/** The symbols Z.com accepts in passwords besides A–Z, a–z and 0–9 (ASCII `"`, not a curly quote). */
export const ZCOM_PASSWORD_SYMBOLS = "!#$%&?\"'=+-_{}[]^~:;().,/|\\*@";
export const ZCOM_PASSWORD_MIN = 9;
export const ZCOM_PASSWORD_MAX = 70;
export const NAME_MAX = 100;

interface LocalPartLimits {
  min: number;
  max: number;
  allowed: RegExp;
  /** The catalog key of "only these characters are allowed; found {chars}". */
  allowedKey: string;
  allowedText: string;
}

const LOCAL_PART_LIMITS: Readonly<Record<ProviderId, LocalPartLimits>> = {
  zcom: {
    min: 2,
    max: 63,
    allowed: /[a-z0-9-]/,
    allowedKey: "rowRules.zcomAllowed",
    allowedText: "Only a–z, 0–9 and - are allowed (no dots)",
  },
  hybridbox: {
    min: 1,
    max: 64,
    allowed: /[a-z0-9._-]/,
    allowedKey: "rowRules.hybridboxAllowed",
    allowedText: "Only a–z, 0–9, dot (.), underscore (_) and - are allowed",
  },
};

/**
 * What we send: NFKC (full-width "ｊｏｈｎ" → "john"), trimmed (after NFKC, which can turn odd
 * spaces into plain ones) and lower-cased, so `John.Doe` becomes `john.doe`. Z.com allows only
 * lower case and Hybridbox rejects upper case on the wire, so folding early loses nothing and
 * makes duplicate detection honest.
 */
export function normalizeLocalPart(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}

/** Problems with an already normalised local part; empty when it is valid. */
export function localPartProblems(provider: ProviderId, localPart: string): string[] {
  if (localPart === "") return [codedText("rowRules.localPartMissing")];
  if (localPart.includes("@")) return [codedText("rowRules.localPartHasAt")];
  const limits = LOCAL_PART_LIMITS[provider];
  const problems: string[] = [];
  const length = codePointLength(localPart);
  if (length < limits.min || length > limits.max) {
    problems.push(codedText("rowRules.lengthRange", { min: limits.min, max: limits.max, length }));
  }
  const bad = disallowedChars(localPart, (ch) => limits.allowed.test(ch));
  if (bad.length > 0) problems.push(codedText(limits.allowedKey, { chars: listChars(bad) }));
  if (provider === "zcom") {
    if (localPart.startsWith("-") || localPart.endsWith("-")) {
      problems.push(codedText("rowRules.hyphenAtEnds"));
    }
  } else {
    if (!/^[a-z0-9]/.test(localPart) || !/[a-z0-9]$/.test(localPart)) {
      problems.push(codedText("rowRules.startEnd"));
    }
    if (localPart.includes("..")) problems.push(codedText("rowRules.doubleDot"));
  }
  return problems;
}

/** Problems with a Z.com password, each reason separately; empty when it is valid. */
export function passwordProblems(password: string): string[] {
  if (password === "") return [codedText("rowRules.passwordMissing")];
  const problems: string[] = [];
  const length = codePointLength(password);
  if (length < ZCOM_PASSWORD_MIN || length > ZCOM_PASSWORD_MAX) {
    problems.push(
      codedText("rowRules.lengthRange", {
        min: ZCOM_PASSWORD_MIN,
        max: ZCOM_PASSWORD_MAX,
        length,
      }),
    );
  }
  if (!/[A-Z]/.test(password)) problems.push(codedText("rowRules.needsCapital"));
  if (!/[a-z]/.test(password)) problems.push(codedText("rowRules.needsSmall"));
  if (!/[0-9]/.test(password)) problems.push(codedText("rowRules.needsDigit"));
  const bad = disallowedChars(password, isZcomPasswordChar);
  if (bad.length > 0) {
    problems.push(
      codedText("rowRules.charsNotAllowed", { count: bad.length, chars: listChars(bad) }),
    );
  }
  return problems;
}

export function isZcomPasswordChar(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch) || (ch.length === 1 && ZCOM_PASSWORD_SYMBOLS.includes(ch));
}

export type NameField = "firstName" | "lastName";

const missingName = (field: NameField) =>
  field === "firstName"
    ? codedText("rowRules.firstNameMissing")
    : codedText("rowRules.lastNameMissing");

/** Problems with a name that has already been trimmed. */
export function nameProblems(
  name: string,
  opts: { required: boolean; field: NameField },
): string[] {
  if (name === "") return opts.required ? [missingName(opts.field)] : [];
  const problems: string[] = [];
  const length = codePointLength(name);
  if (length > NAME_MAX) {
    problems.push(codedText("rowRules.nameTooLong", { max: NAME_MAX, length }));
  }
  if (hasControlChar(name)) problems.push(codedText("rowRules.nameControl"));
  return problems;
}

// Issues carry no `input` for secrets; zod drops `input` unless reportInput is set, but a
// password must not depend on a default somebody may flip while debugging.
function fromProblems(problems: (value: string) => string[], opts: { secret?: boolean } = {}) {
  return (payload: z.core.ParsePayload<string>): void => {
    for (const message of problems(payload.value)) {
      payload.issues.push({
        code: "custom",
        message,
        input: opts.secret ? undefined : payload.value,
      });
    }
  };
}

export function localPartSchema(provider: ProviderId) {
  return z
    .string({ error: codedText("rowRules.localPartMissing") })
    .overwrite(normalizeLocalPart)
    .check(fromProblems((value) => localPartProblems(provider, value)));
}

/** A required Z.com password. Not normalised: what the admin typed is what the mailbox gets. */
export const zcomPasswordSchema = z
  .string({ error: codedText("rowRules.passwordMissing") })
  .check(fromProblems(passwordProblems, { secret: true }));

export function nameSchema(opts: { required: boolean; field: NameField }) {
  return z
    .string({
      error: opts.required ? missingName(opts.field) : codedText("rowRules.nameNotText"),
    })
    .trim()
    .check(fromProblems((value) => nameProblems(value, opts)));
}

export interface ProviderRules {
  localPart: readonly string[];
  /** `null` when the provider takes no password at creation. */
  password: readonly string[] | null;
  firstName: readonly string[];
  lastName: readonly string[];
}

const SPACED_SYMBOLS = [...ZCOM_PASSWORD_SYMBOLS].join(" ");

const RULES: Readonly<Record<ProviderId, ProviderRules>> = {
  zcom: {
    localPart: [
      "Letters are turned into lower case (John.Doe → john.doe) before checking",
      LOCAL_PART_LIMITS.zcom.allowedText,
      "Must not start or end with -",
      "Must be 2–63 characters",
    ],
    password: [
      `Must be ${ZCOM_PASSWORD_MIN}–${ZCOM_PASSWORD_MAX} characters`,
      "Needs at least one capital letter (A–Z), one small letter (a–z) and one digit (0–9)",
      `Other characters allowed: ${SPACED_SYMBOLS}`,
      "No spaces, no ` < > and no accented or non-Latin letters",
      "Leave it empty to have a strong password generated",
    ],
    firstName: ["Optional; Z.com does not store names, so they stay in this console"],
    lastName: ["Optional; Z.com does not store names, so they stay in this console"],
  },
  hybridbox: {
    localPart: [
      "Letters are turned into lower case (John.Doe → john.doe) before checking",
      LOCAL_PART_LIMITS.hybridbox.allowedText,
      "Must start and end with a letter or digit, with no two dots in a row",
      "Must be 1–64 characters",
    ],
    password: null,
    firstName: [`Required, at most ${NAME_MAX} characters, no tabs or line breaks`],
    lastName: [`Optional, at most ${NAME_MAX} characters, no tabs or line breaks`],
  },
};

/** Plain-language rules for the UI, in the same words as the validation messages. */
export function describeRules(provider: ProviderId): ProviderRules {
  return RULES[provider];
}
