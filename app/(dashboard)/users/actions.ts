"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { ActionError } from "@/lib/actions/result";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import {
  createUserSchema,
  resetPasswordSchema,
  setRoleSchema,
  userIdSchema,
} from "@/lib/auth/schemas";
import { findUser, otherActiveAdmins } from "@/lib/auth/users";
import type { ActionContext } from "@/lib/actions";

async function target(userId: string, ctx: ActionContext, change: string) {
  const user = await findUser(userId);
  if (!user) throw new ActionError("That user no longer exists. Reload the page.");
  if (user.id === ctx.user.id) {
    throw new ActionError(`You cannot ${change} your own account; ask another admin.`);
  }
  return user;
}

async function keepAnAdmin(userId: string) {
  if ((await otherActiveAdmins(userId)) === 0) {
    throw new ActionError("This is the last admin who can sign in; make someone else admin first.");
  }
}

export const createUserAction = action(
  { name: "createUser", schema: createUserSchema, role: "admin" },
  async (input, ctx) => {
    const auth = await getAuth();
    try {
      const { user } = await auth.api.createUser({
        body: { name: input.name, email: input.email, password: input.password, role: input.role },
        headers: await headers(),
      });
      await recordAudit({
        action: "user.created",
        actor: ctx.user,
        target: user.email,
        details: { role: input.role },
        ip: ctx.ip,
      });
      return { id: user.id };
    } catch (error) {
      if (/already exists/i.test((error as Error).message)) {
        throw new ActionError("Could not add this user.", {
          email: ["Someone already has this email address"],
        });
      }
      throw error;
    }
  },
);

export const setRoleAction = action(
  { name: "setRole", schema: setRoleSchema, role: "admin" },
  async ({ userId, role }, ctx) => {
    const user = await target(userId, ctx, "change the role of");
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

export const resetPasswordAction = action(
  { name: "resetPassword", schema: resetPasswordSchema, role: "admin" },
  async ({ userId, password }, ctx) => {
    const user = await target(userId, ctx, "reset the password of");
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
