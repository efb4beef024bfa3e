import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import ko from "@/messages/ko.json";

const CATALOGS = { en, ko, ja } as Record<string, unknown>;

/**
 * Groups whose keys the code builds at run time (`t(\`jobStates.${state}\`)`): a key in them
 * counts as used when the group's name is in the code.
 */
const DYNAMIC = [
  "rowStates",
  "jobStates",
  "roles",
  "roleDescriptions",
  "failures.row",
  "sso",
  "auditActions",
];

function flatten(node: unknown, prefix = "", out = new Map<string, string>()) {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/** Each argument with its type, each tag, and each select's options: what must match. */
function signature(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) found.add(`{${el.value}}`);
      if (el.type === TYPE.number) found.add(`{${el.value}, number}`);
      if (el.type === TYPE.date || el.type === TYPE.time) found.add(`{${el.value}, date}`);
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
      }
      if (el.type === TYPE.plural) {
        found.add(`{${el.value}, plural}`);
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.select) {
        found.add(`{${el.value}, select, ${Object.keys(el.options).sort().join(" ")}}`);
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

function sourceText(dir: string): string {
  let text = "";
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) text += sourceText(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
      text += readFileSync(path, "utf8");
  }
  return text;
}

const flat = Object.fromEntries(
  Object.entries(CATALOGS).map(([locale, messages]) => [locale, flatten(messages)]),
);
const english = flat.en!;

describe("message catalogs", () => {
  for (const locale of ["ko", "ja"]) {
    it(`${locale} has exactly the keys en has`, () => {
      const keys = [...flat[locale]!.keys()];
      expect(
        keys.filter((k) => !english.has(k)),
        `only in ${locale}`,
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !flat[locale]!.has(k)),
        `missing in ${locale}`,
      ).toEqual([]);
    });

    it(`${locale} uses the same ICU arguments, tags and select options as en`, () => {
      const differ: string[] = [];
      for (const [key, message] of flat[locale]!) {
        const base = english.get(key);
        if (base === undefined) continue;
        if (signature(message).join() !== signature(base).join()) differ.push(key);
      }
      expect(differ).toEqual([]);
    });
  }

  it("every message parses as ICU in every locale", () => {
    for (const messages of Object.values(flat))
      for (const message of messages.values()) expect(() => parse(message)).not.toThrow();
  });

  it("every key is used by the code", () => {
    const code = ["app", "components", "lib"].map(sourceText).join("\n");
    const quoted = (s: string) => code.includes(`"${s}"`) || code.includes(`\`${s}`);
    const unused = [...english.keys()].filter((key) => {
      const group = DYNAMIC.find((g) => key.startsWith(`${g}.`));
      if (group) return !quoted(group) && !code.includes(`"${group}.`);
      const parts = key.split(".");
      // t("leaf") under useTranslations("namespace"), or the whole key.
      return !quoted(key) && !quoted(parts.at(-1)!) && !code.includes(`"${key}`);
    });
    expect(unused).toEqual([]);
  });
});
