"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { userIdSchema } from "@/lib/auth/schemas";
import { target } from "@/lib/auth/user-changes";

export const enableUserAction = action(
  { name: "enableUser", schema: userIdSchema, role: "admin" },
  async ({ userId }, ctx) => {
    const user = await target(userId, ctx, "enable");
    const auth = await getAuth();
    await auth.api.unbanUser({ body: { userId }, headers: await headers() });
    await recordAudit({ action: "user.enabled", actor: ctx.user, target: user.email, ip: ctx.ip });
    return { disabled: false };
  },
);
