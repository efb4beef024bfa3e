"use server";

import { headers } from "next/headers";
import { action } from "@/lib/actions";
import { codedText } from "@/lib/i18n/coded";
import { UserError } from "@/lib/user-error";
import { recordAudit } from "@/lib/audit/record";
import { getAuth } from "@/lib/auth/auth";
import { createUserSchema } from "@/lib/auth/schemas";

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
        throw UserError.coded(
          { key: "errors.addUserFailed" },
          { email: [codedText("validation.emailTaken")] },
        );
      }
      throw error;
    }
  },
);
