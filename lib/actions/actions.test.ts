import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The role each server action is bound to, read from what it asks the guard for: the guard is
 * replaced by one that records the role and refuses, so no handler runs. Every action module is found
 * on disk, so a new action must be named here.
 */
const asked = vi.hoisted(() => ({ roles: [] as string[] }));
vi.mock("@/lib/auth/guard", () => ({
  authorize: async (role: string) => {
    asked.roles.push(role);
    return { ok: false, formError: "refused by the test guard" };
  },
}));
// The setup action has its own gate: open only while no user exists.
const setup = vi.hoisted(() => ({ needed: false }));
vi.mock("@/lib/auth/session", () => ({ needsSetup: async () => setup.needed }));

const BOUND: Record<string, "viewer" | "operator" | "admin" | "first-run"> = {
  createUserAction: "admin",
  setRoleAction: "admin",
  disableUserAction: "admin",
  enableUserAction: "admin",
  resetPasswordAction: "admin",
  setLocaleAction: "viewer",
  submitJobPartAction: "operator",
  existingLocalPartsAction: "operator",
  deleteMailboxesAction: "admin",
  undoPreviewAction: "admin",
  undoJobAction: "admin",
  resetMailboxPasswordsAction: "operator",
  updateMailboxNamesAction: "operator",
  createFirstAdminAction: "first-run",
};

/** Every "use server" module: the actions live in lib/actions/, one per file. */
function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionFiles(full);
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name)) return [];
    return /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

describe("server actions", () => {
  beforeEach(() => {
    asked.roles = [];
    setup.needed = false;
  });

  it("are each bound to the role they need, and refuse before doing anything", async () => {
    const found: Record<string, string> = {};
    const files = ["app", "lib", "components"].flatMap((dir) =>
      actionFiles(path.join(process.cwd(), dir)),
    );
    for (const file of files) {
      const mod = (await import(file)) as Record<string, (input: unknown) => Promise<unknown>>;
      for (const [name, action] of Object.entries(mod)) {
        if (typeof action !== "function") continue;
        asked.roles = [];
        const result = await action({});
        expect(result, name).toMatchObject({ ok: false });
        found[name] = asked.roles.length === 1 ? asked.roles[0]! : "first-run";
        if (found[name] === "first-run") {
          expect(result, name).toEqual({
            ok: false,
            formError: "Setup is already done. Sign in instead.",
            formErrorCode: { key: "errors.setupDone" },
          });
        }
      }
    }
    expect(found).toEqual(BOUND);
  });
});
