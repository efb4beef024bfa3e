"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { setRoleSchema } from "@/lib/auth/schemas";
import { target, keepAnAdmin } from "@/lib/auth/user-changes";

export const setRoleAction = action(
  { name: "setRole", schema: setRoleSchema, role: "admin" },
  async ({ userId, role }, ctx) => {
    const user = await target(userId, ctx, "role");
    if (user.role === "admin" && role !== "admin") await keepAnAdmin(userId);
    const auth = await getAuth();
    await auth.api.setRole({ body: { userId, role }, headers: await headers() });
    await recordAudit({
      action: "user.role_changed",
      actor: ctx.user,
      target: user.email,
      details: { from: user.role, to: role },
      ip: ctx.ip,
    });
    return { role };
  },
);
