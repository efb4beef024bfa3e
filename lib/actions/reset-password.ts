"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { resetPasswordSchema } from "@/lib/auth/schemas";
import { target } from "@/lib/auth/user-changes";

export const resetPasswordAction = action(
  { name: "resetPassword", schema: resetPasswordSchema, role: "admin" },
  async ({ userId, password }, ctx) => {
    const user = await target(userId, ctx, "password");
    const auth = await getAuth();
    await auth.api.setUserPassword({
      body: { userId, newPassword: password },
      headers: await headers(),
    });
    await recordAudit({
      action: "user.password_reset",
      actor: ctx.user,
      target: user.email,
      ip: ctx.ip,
    });
    return { reset: true };
  },
);
