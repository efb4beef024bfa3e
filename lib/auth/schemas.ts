import { z } from "zod";
import { roleSchema } from "./roles";

// Shared by the sign-in, setup and user forms and by the server actions behind them.

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter an email address like it@example.com" }));

export const newPasswordSchema = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(128, "Use at most 128 characters");

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(100, "At most 100 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password"),
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
    message: "The two passwords differ",
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
