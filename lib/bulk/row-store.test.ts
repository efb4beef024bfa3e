import fc from "fast-check";
import { words } from "@/lib/testing/words";
import { describe, expect, it, vi } from "vitest";
import { plan, RowChecker, type EditorRow } from "./editor-rows";
import { BulkRowStore } from "./row-store";

const row = (over: Partial<EditorRow>): EditorRow => ({
  firstName: "Ann",
  lastName: "Lee",
  localPart: "ann.lee",
  password: "",
  skip: false,
  derived: false,
  suffixed: false,
  source: {},
  ...over,
});

/** What a fresh check of the whole list says: the store's counts must always agree. */
function recomputed(store: BulkRowStore) {
  const checker = new RowChecker(store.provider, () => store.rows());
  checker.checkAll();
  const issues = store.rows().map((_, i) => checker.issuesOf(i));
  return { plan: plan(store.rows(), checker, store.existing), issues };
}

describe("the bulk row store", () => {
  it("checks every row with the provider's schema and flags duplicates", () => {
    const store = new BulkRowStore("hybridbox", [
      row({ localPart: "a" }),
      row({ localPart: "b", firstName: "" }),
      row({ localPart: "A" }),
    ]);
    expect(words(store.issuesOf(0).localPart)).toBe("Also on row 3");
    expect(store.issuesOf(1).firstName).toBeTruthy();
    expect(store.plan()).toEqual({ create: 0, skip: 0, blocked: 3, suggested: 0 });
    expect(store.problems(5)).toEqual([0, 1, 2]);
    expect(store.problems(2)).toEqual([0, 1]);
  });

  it("re-checks an edited row and the rows that shared its local part", () => {
    const store = new BulkRowStore("hybridbox", [row({ localPart: "a" }), row({ localPart: "a" })]);
    const first = vi.fn();
    const second = vi.fn();
    const list = vi.fn();
    store.subscribeRow(0, first);
    store.subscribeRow(1, second);
    store.subscribeList(list);
    store.setField(1, "localPart", "b");
    expect(store.row(1)?.localPart).toBe("b");
    expect(store.problems(5)).toEqual([]);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
    // Row 0 lost its duplicate: it is told; the list as a whole is not.
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(list).not.toHaveBeenCalled();
    expect(store.getRowVersion(0)).toBe(store.getVersion());
  });

  it("makes a derived local part the admin's own once they type", () => {
    const store = new BulkRowStore("hybridbox", [
      row({ localPart: "ann.lee", derived: true, suffixed: true }),
    ]);
    store.setField(0, "localPart", "ann.lee2");
    expect(store.row(0)).toMatchObject({ localPart: "ann.lee2", derived: false, suffixed: false });
  });

  it("re-checks every row with the other provider's rules", () => {
    const store = new BulkRowStore("hybridbox", [row({ localPart: "ann.lee" })]);
    expect(store.plan().blocked).toBe(0);
    store.setProvider("zcom");
    // Z.com takes no dot, and needs a password.
    expect(store.issuesOf(0).localPart).toBeTruthy();
    expect(store.plan().blocked).toBe(1);
  });

  it("skips existing addresses only when marked, and counts them", () => {
    const store = new BulkRowStore("hybridbox", [
      row({ localPart: "Taken" }),
      row({ localPart: "free" }),
    ]);
    store.setExisting(new Set(["taken"]));
    expect(store.exists(0)).toBe(true);
    expect(store.row(0)?.skip).toBe(false);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
    store.setExisting(new Set(["taken"]), true);
    expect(store.row(0)?.skip).toBe(true);
    expect(store.row(1)?.skip).toBe(false);
    expect(store.plan()).toEqual({ create: 1, skip: 1, blocked: 0, suggested: 0 });
    store.setSkip(0, false);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
    // A skip without an existing address does not skip.
    store.setSkip(1, true);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
  });

  it("fills only empty passwords", () => {
    const store = new BulkRowStore("zcom", [
      row({ localPart: "ann-lee", password: "Kept-Passw0rd!" }),
      row({ localPart: "bob-lee" }),
    ]);
    expect(store.fillPasswords(() => "Made-Passw0rd!x")).toBe(1);
    expect(store.rows().map((r) => r.password)).toEqual(["Kept-Passw0rd!", "Made-Passw0rd!x"]);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
  });

  it("removes a row and renumbers the rest", () => {
    const store = new BulkRowStore("hybridbox", [
      row({ localPart: "a" }),
      row({ localPart: "b" }),
      row({ localPart: "a" }),
    ]);
    store.remove(0);
    expect(store.rows().map((r) => r.localPart)).toEqual(["b", "a"]);
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 0 });
  });

  it("keeps its counts and problems equal to a fresh check, whatever the edits", () => {
    const local = fc.constantFrom("a", "A", "b", "", "a..b", "c-d", "taken");
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("edit" as const),
        i: fc.nat(5),
        field: fc.constantFrom("localPart" as const, "firstName" as const),
        value: local,
      }),
      fc.record({ kind: fc.constant("skip" as const), i: fc.nat(5), skip: fc.boolean() }),
      fc.record({ kind: fc.constant("remove" as const), i: fc.nat(5) }),
      fc.record({ kind: fc.constant("existing" as const), mark: fc.boolean() }),
      fc.record({ kind: fc.constant("provider" as const), zcom: fc.boolean() }),
      fc.record({ kind: fc.constant("accept" as const), i: fc.option(fc.nat(5)) }),
    );
    const start = fc.record({ localPart: local, suggested: fc.boolean() });
    fc.assert(
      fc.property(fc.array(start, { minLength: 1, maxLength: 6 }), fc.array(op), (rows, ops) => {
        const store = new BulkRowStore(
          "hybridbox",
          rows.map((r) => row({ ...r, derived: r.suggested })),
        );
        for (const o of ops) {
          if (o.kind === "edit") store.setField(o.i, o.field, o.value);
          else if (o.kind === "accept") store.acceptSuggestions(o.i ?? undefined);
          else if (o.kind === "skip") store.setSkip(o.i, o.skip);
          else if (o.kind === "remove") store.remove(o.i);
          else if (o.kind === "existing") store.setExisting(new Set(["taken"]), o.mark);
          else store.setProvider(o.zcom ? "zcom" : "hybridbox");
          const fresh = recomputed(store);
          expect(store.plan()).toEqual(fresh.plan);
          expect(store.rows().map((_, i) => store.issuesOf(i))).toEqual(fresh.issues);
          // The links go to exactly the rows the plan counts as blocked.
          const blocked = fresh.issues
            .map((issues, i) => (Object.keys(issues).length > 0 ? i : -1))
            .filter((i) => i >= 0 && !(store.rows()[i]!.skip && store.exists(i)));
          expect(store.problems(100)).toEqual(blocked);
          // The suggestions waiting are exactly the rows the plan counts as suggested.
          const waiting = store
            .rows()
            .map((r, i) =>
              r.suggested && !blocked.includes(i) && !(r.skip && store.exists(i)) ? i : -1,
            )
            .filter((i) => i >= 0);
          expect(store.suggestions(100)).toEqual(waiting);
        }
      }),
      { seed: 1301 },
    );
  });

  it("holds a suggested local part back until the admin accepts or changes it", () => {
    const store = new BulkRowStore("hybridbox", [
      row({ localPart: "sato.hanako", derived: true, suggested: true }),
      row({ localPart: "kim.minjun", derived: true, suggested: true }),
      row({ localPart: "ann.lee" }),
    ]);
    expect(store.plan()).toEqual({ create: 1, skip: 0, blocked: 0, suggested: 2 });
    expect(store.suggestions(5)).toEqual([0, 1]);
    // Changing it makes it the admin's.
    store.setField(1, "localPart", "minjun.kim");
    expect(store.row(1)).toMatchObject({ suggested: false, derived: false });
    expect(store.plan()).toEqual({ create: 2, skip: 0, blocked: 0, suggested: 1 });
    // Accepting it too; and then the pattern no longer re-makes it.
    store.acceptSuggestions();
    expect(store.row(0)).toMatchObject({
      localPart: "sato.hanako",
      suggested: false,
      derived: false,
    });
    expect(store.plan()).toEqual({ create: 3, skip: 0, blocked: 0, suggested: 0 });
  });
});
