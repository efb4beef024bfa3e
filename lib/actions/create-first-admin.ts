"use server";

import { unstable_rethrow } from "next/navigation";
import { createActionClient } from "@/lib/actions/create-action-client";
import { inEnglish } from "@/lib/i18n/english";
import { UserError } from "@/lib/user-error";
import { setupSchema } from "@/lib/auth/schemas";
import { needsSetup } from "@/lib/auth/session";
import { createFirstAdmin } from "@/lib/auth/setup";
import { log } from "@/lib/log";

const SETUP_DONE = { key: "errors.setupDone" };

// The one action that runs without a session: it is open only while no user exists at all.
const setupAction = createActionClient<"first-run", object>({
  authorize: async () =>
    (await needsSetup())
      ? { ok: true, ctx: {} }
      : { ok: false, formError: inEnglish(SETUP_DONE), formErrorCode: SETUP_DONE },
  reportError: (error, info) => log.error({ err: error, ...info }, "setup failed"),
  rethrowIfFramework: unstable_rethrow,
});

export const createFirstAdminAction = setupAction(
  { name: "createFirstAdmin", schema: setupSchema, role: "first-run" },
  async ({ name, email, password }) => {
    const result = await createFirstAdmin({ name, email, password }, "setup-screen");
    if (result === "already-done") throw UserError.coded(SETUP_DONE);
    return { email };
  },
);
