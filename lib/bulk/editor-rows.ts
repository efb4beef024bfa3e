import { codedText } from "@/lib/i18n/coded";
import { rowSchema } from "@/lib/mailboxes/schema";
import { normalizeLocalPart } from "@/lib/mailboxes/rules";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * The bulk page's rows and their problems, checked with the shared row schema of the provider
 * (the server checks the same schema again). Problems are catalog codes (lib/i18n/coded.ts),
 * worded in the reader's locale where they are shown. Kept incremental: a keystroke re-checks one row and
 * the rows sharing its old or new local part, not all 10,000.
 */
export interface EditorRow {
  firstName: string;
  lastName: string;
  localPart: string;
  password: string;
  /** The admin's choice for a row whose address already exists on the domain. */
  skip: boolean;
  /** Set when the local part was made from the names (re-made when the pattern changes). */
  derived: boolean;
  suffixed: boolean;
  source: Record<string, string>;
  /** The kana reading of the name (フリガナ), when the list had one: romanised for local parts. */
  reading?: string;
  /**
   * The local part was romanised from a reading or a Hangul name: a suggestion the admin must
   * accept (or change) before the list can be submitted.
   */
  suggested?: boolean;
}

export type Field = "firstName" | "lastName" | "localPart" | "password";
export type RowIssues = Partial<Record<Field, string>>;

export function checkRow(provider: ProviderId, row: EditorRow): RowIssues {
  const parsed = rowSchema(provider).safeParse({
    firstName: row.firstName,
    lastName: row.lastName,
    localPart: row.localPart,
    ...(provider === "zcom" ? { password: row.password } : {}),
  });
  if (parsed.success) return {};
  const issues: RowIssues = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field;
    issues[field] ??= issue.message;
  }
  return issues;
}

/** Every row's problems plus duplicates inside the list, for a freshly pasted list. */
export class RowChecker {
  private issues: RowIssues[] = [];
  private keys: string[] = [];
  private byKey = new Map<string, Set<number>>();

  constructor(
    private provider: ProviderId,
    private rows: () => readonly EditorRow[],
  ) {}

  /** Every row checked; or, with `checked`, each row's own problems as already found elsewhere. */
  checkAll(checked?: readonly RowIssues[]): void {
    const rows = this.rows();
    this.issues =
      checked?.length === rows.length
        ? [...checked]
        : rows.map((row) => checkRow(this.provider, row));
    this.keys = rows.map((row) => normalizeLocalPart(row.localPart));
    this.byKey = new Map();
    this.keys.forEach((key, i) => this.index(key, i));
  }

  /** Re-checks one edited row; returns the other rows whose duplicate flag may have changed. */
  checkOne(i: number): number[] {
    const row = this.rows()[i];
    if (!row) return [];
    this.issues[i] = checkRow(this.provider, row);
    const before = this.keys[i] ?? "";
    const after = normalizeLocalPart(row.localPart);
    if (before === after) return [];
    this.byKey.get(before)?.delete(i);
    this.keys[i] = after;
    this.index(after, i);
    return [...(this.byKey.get(before) ?? []), ...(this.byKey.get(after) ?? [])].filter(
      (j) => j !== i,
    );
  }

  /** The row's problems, with "also on row N" when its local part is in the list twice. */
  issuesOf(i: number): RowIssues {
    const own = this.issues[i] ?? {};
    if (own.localPart) return own;
    const same = this.byKey.get(this.keys[i] ?? "");
    if (same && same.size > 1) {
      const others = [...same]
        .filter((j) => j !== i)
        .sort((a, b) => a - b)
        .slice(0, 3)
        .map((j) => j + 1);
      return {
        ...own,
        localPart: codedText("rowRules.alsoOnRow", {
          rows: others.join(", "),
          more: same.size > 4 ? "yes" : "no",
        }),
      };
    }
    return own;
  }

  /** issuesOf(i) is not empty; without building it (a paste asks this of every row). */
  hasIssues(i: number): boolean {
    for (const _ in this.issues[i]) return true;
    return (this.byKey.get(this.keys[i] ?? "")?.size ?? 0) > 1;
  }

  normalized(i: number): string {
    return this.keys[i] ?? "";
  }

  private index(key: string, i: number) {
    if (!key) return;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(i);
  }
}

export interface Plan {
  create: number;
  skip: number;
  blocked: number;
  /** Rows whose only want is a look at their suggested local part (they block the job too). */
  suggested: number;
}

export function plan(
  rows: readonly EditorRow[],
  checker: RowChecker,
  existing: ReadonlySet<string>,
): Plan {
  const result = { create: 0, skip: 0, blocked: 0, suggested: 0 };
  rows.forEach((row, i) => {
    if (row.skip && existing.has(checker.normalized(i))) result.skip += 1;
    else if (checker.hasIssues(i)) result.blocked += 1;
    else if (row.suggested) result.suggested += 1;
    else result.create += 1;
  });
  return result;
}
