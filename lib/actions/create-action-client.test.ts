import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createActionClient } from "./create-action-client";
import { UserError } from "@/lib/user-error";

type Role = "viewer" | "operator";
const schema = z.object({
  domain: z.string().min(1, "Choose a domain"),
  rows: z.array(z.object({ localPart: z.string().regex(/^[a-z]+$/, "Only a–z") })).min(1),
});

function setup(authorized = true) {
  const reportError = vi.fn();
  const authorize = vi.fn(async (role: Role) =>
    authorized
      ? { ok: true as const, ctx: { userId: "u1", role } }
      : { ok: false as const, formError: "Sign in to continue." },
  );
  const action = createActionClient<Role, { userId: string; role: Role }>({
    authorize,
    reportError,
  });
  return { action, authorize, reportError };
}

describe("the action wrapper", () => {
  it("runs the handler with parsed input and the caller's context", async () => {
    const { action, authorize } = setup();
    const handler = vi.fn(async (input: z.output<typeof schema>, ctx: { userId: string }) => ({
      count: input.rows.length,
      by: ctx.userId,
    }));
    const submit = action({ name: "submit", schema, role: "operator" }, handler);
    const result = await submit({ domain: "acme.example", rows: [{ localPart: "ann" }] });
    expect(result).toEqual({ ok: true, data: { count: 1, by: "u1" } });
    expect(authorize).toHaveBeenCalledWith("operator");
  });

  it("returns field errors by path and never runs the handler for invalid input", async () => {
    const { action } = setup();
    const handler = vi.fn(async () => "ran");
    const submit = action({ name: "submit", schema, role: "operator" }, handler);
    const result = await submit({ domain: "", rows: [{ localPart: "ok" }, { localPart: "Bad!" }] });
    expect(handler).not.toHaveBeenCalled();
    expect(result).toEqual({
      ok: false,
      formError: "Some fields need attention.",
      formErrorCode: { key: "errors.checkFields" },
      fieldErrors: { domain: ["Choose a domain"], "rows.1.localPart": ["Only a–z"] },
    });
  });

  it("refuses before validating when the caller is not authorised", async () => {
    const { action } = setup(false);
    const handler = vi.fn(async () => "ran");
    const submit = action({ name: "submit", schema, role: "operator" }, handler);
    const result = await submit({ domain: "x", rows: [{ localPart: "a" }] });
    expect(result).toEqual({ ok: false, formError: "Sign in to continue." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns a thrown error into a form error with a reference and no internals", async () => {
    const { action, reportError } = setup();
    const submit = action({ name: "submit", schema, role: "operator" }, async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    });
    const result = await submit({ domain: "x", rows: [{ localPart: "a" }] });
    expect(result.ok).toBe(false);
    const formError = result.ok ? "" : (result.formError ?? "");
    expect(formError).toMatch(/could not complete this request \(reference [0-9a-f]{8}\)/);
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5/);
    const ref = formError.match(/reference ([0-9a-f]{8})/)?.[1];
    expect(reportError).toHaveBeenCalledWith(expect.any(Error), { action: "submit", ref });
  });

  it("passes an UserError's own message and field errors through", async () => {
    const { action } = setup();
    const submit = action({ name: "submit", schema, role: "operator" }, async () => {
      throw new UserError("That domain is not on this provider.", { domain: ["Unknown domain"] });
    });
    expect(await submit({ domain: "x", rows: [{ localPart: "a" }] })).toEqual({
      ok: false,
      formError: "That domain is not on this provider.",
      fieldErrors: { domain: ["Unknown domain"] },
    });
  });

  it("lets framework control-flow errors through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;/x" });
    const action = createActionClient<Role, object>({
      authorize: async () => ({ ok: true, ctx: {} }),
      reportError: vi.fn(),
      rethrowIfFramework: (e) => {
        if ((e as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) throw e;
      },
    });
    const submit = action({ name: "go", schema, role: "viewer" }, async () => {
      throw redirect;
    });
    await expect(submit({ domain: "x", rows: [{ localPart: "a" }] })).rejects.toBe(redirect);
  });
});
