import "server-only";
import type { ActionContext } from "@/lib/actions";
import { UserError } from "@/lib/user-error";
import { findUser, otherActiveAdmins } from "./users";

// The rules every change to a user passes: the user exists, is not the admin making the change,
// and the last admin who can sign in stays one.

/** The user a change is about; never the admin making it. */
export async function target(userId: string, ctx: ActionContext, change: string) {
  const user = await findUser(userId);
  if (!user) throw new UserError("That user no longer exists. Reload the page.");
  if (user.id === ctx.user.id) {
    throw new UserError(`You cannot ${change} your own account; ask another admin.`);
  }
  return user;
}

/** Refuses a change that would leave no admin able to sign in. */
export async function keepAnAdmin(userId: string) {
  if ((await otherActiveAdmins(userId)) === 0) {
    throw new UserError("This is the last admin who can sign in; make someone else admin first.");
  }
}
