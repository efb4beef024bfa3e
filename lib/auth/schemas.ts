import { z } from "zod";
import { codedText } from "@/lib/i18n/coded";
import { roleSchema } from "./roles";

// Shared by the sign-in, setup and user forms and by the server actions behind them. Messages
// are catalog codes ("validation.*"): the form words them in the reader's locale.

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: codedText("validation.email") }));

export const newPasswordSchema = z
  .string()
  .min(12, codedText("validation.passwordTooShort", { min: 12 }))
  .max(128, codedText("validation.passwordTooLong", { max: 128 }));

export const nameSchema = z
  .string()
  .trim()
  .min(1, codedText("validation.nameMissing"))
  .max(100, codedText("validation.nameTooLong", { max: 100 }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, codedText("validation.passwordMissing")),
});

export const setupSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: codedText("validation.passwordsDiffer"),
  });

export const createUserSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  role: roleSchema,
  password: newPasswordSchema,
});

export const userIdSchema = z.object({ userId: z.string().min(1).max(100) });

export const setRoleSchema = userIdSchema.extend({ role: roleSchema });

export const resetPasswordSchema = userIdSchema.extend({ password: newPasswordSchema });
