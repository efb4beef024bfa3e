"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { userIdSchema } from "@/lib/auth/schemas";
import { target, keepAnAdmin } from "@/lib/auth/user-changes";

export const disableUserAction = action(
  { name: "disableUser", schema: userIdSchema, role: "admin" },
  async ({ userId }, ctx) => {
    const user = await target(userId, ctx, "disable");
    if (user.role === "admin") await keepAnAdmin(userId);
    const auth = await getAuth();
    // Banning also ends every session the user has.
    await auth.api.banUser({
      body: { userId, banReason: "Disabled by an admin" },
      headers: await headers(),
    });
    await recordAudit({ action: "user.disabled", actor: ctx.user, target: user.email, ip: ctx.ip });
    return { disabled: true };
  },
);
