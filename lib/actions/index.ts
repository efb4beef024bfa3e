import "server-only";
import { unstable_rethrow } from "next/navigation";
import { authorize, type ActionContext } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { log } from "@/lib/log";
import { createActionClient } from "./create-action-client";

/**
 * `action({ name, schema, role }, handler)`: the only way this app defines a server action.
 * Authorises (origin, session, role), validates with the shared schema, then runs the handler.
 */
export const action = createActionClient<Role, ActionContext>({
  authorize,
  reportError: (error, info) => log.error({ err: error, ...info }, "server action failed"),
  rethrowIfFramework: unstable_rethrow,
});

export type { ActionContext };
