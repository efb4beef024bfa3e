/**
 * A message handed over as a catalog key plus parameters, so the reader's locale words it
 * (DESIGN item 11). Isomorphic. Where only a string fits (a zod issue message), the code travels
 * as `key` or `key|{"param":1}`; `decodeMessage` reads it back and leaves plain text alone.
 */
export type MessageParams = Record<string, string | number>;
export interface Coded {
  key: string;
  params?: MessageParams;
}

const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;

/** A code as a string, for APIs that carry only text (zod messages). */
export function codedText(key: string, params?: MessageParams): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

/** The code in a string made by `codedText`, or null for plain text. */
export function decodeMessage(text: string): Coded | null {
  const bar = text.indexOf("|");
  const key = bar === -1 ? text : text.slice(0, bar);
  if (!KEY.test(key)) return null;
  if (bar === -1) return { key };
  try {
    const params: unknown = JSON.parse(text.slice(bar + 1));
    if (!params || typeof params !== "object" || Array.isArray(params)) return null;
    return { key, params: params as MessageParams };
  } catch {
    return null;
  }
}
