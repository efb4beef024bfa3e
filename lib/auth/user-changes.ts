import "server-only";
import type { ActionContext } from "@/lib/actions";
import { UserError } from "@/lib/user-error";
import { findUser, otherActiveAdmins } from "./users";

// The rules every change to a user passes: the user exists, is not the admin making the change,
// and the last admin who can sign in stays one.

/** The user a change is about; never the admin making it. */
export async function target(
  userId: string,
  ctx: ActionContext,
  change: "role" | "disable" | "enable" | "password",
) {
  const user = await findUser(userId);
  if (!user) throw UserError.coded({ key: "errors.userGone" });
  if (user.id === ctx.user.id) {
    throw UserError.coded({ key: "errors.notYourself", params: { change } });
  }
  return user;
}

/** Refuses a change that would leave no admin able to sign in. */
export async function keepAnAdmin(userId: string) {
  if ((await otherActiveAdmins(userId)) === 0) {
    throw UserError.coded({ key: "errors.lastAdmin" });
  }
}
