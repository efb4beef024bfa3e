import { describe, expect, it } from "vitest";
import { forgetColumns, recallColumns, rememberColumns } from "./remembered-columns";

/** localStorage's shape, in memory. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe("remembered column mappings", () => {
  it("recalls the kinds chosen for the same headings, loosely compared", () => {
    const storage = memoryStorage();
    rememberColumns(storage, ["Name", "Dept", "E-mail"], ["fullName", "localPart", "email"]);
    expect(recallColumns(storage, ["name", "DEPT", "email"])).toEqual([
      "fullName",
      "localPart",
      "email",
    ]);
    expect(recallColumns(storage, ["Name", "Dept"])).toBeNull();
    expect(recallColumns(storage, ["Name", "Team", "E-mail"])).toBeNull();
  });

  it("stores headings and kinds only, never a value of the list", () => {
    const storage = memoryStorage();
    rememberColumns(storage, ["Name", "Password"], ["fullName", "password"]);
    const stored = [...storage.items.values()].join("\n");
    expect(stored).not.toMatch(/Jane|Doe|@/);
  });

  it("forgets on request, ignores what it cannot read, and keeps at most 20 sets", () => {
    const storage = memoryStorage();
    rememberColumns(storage, ["A"], ["email"]);
    forgetColumns(storage, ["A"]);
    expect(recallColumns(storage, ["A"])).toBeNull();
    storage.setItem("mailbox-console.columns.v1:b", '["nonsense"]');
    expect(recallColumns(storage, ["B"])).toBeNull();
    for (let i = 0; i < 25; i++) rememberColumns(storage, [`H${i}`], ["email"]);
    expect(recallColumns(storage, ["H0"])).toBeNull();
    expect(recallColumns(storage, ["H24"])).toEqual(["email"]);
    expect([...storage.items.keys()].length).toBeLessThanOrEqual(22);
  });

  it("does not fail when the browser refuses storage", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {},
    };
    expect(() => rememberColumns(refusing, ["A"], ["email"])).not.toThrow();
    expect(recallColumns(refusing, ["A"])).toBeNull();
  });
});
