import "server-only";
import { randomUUID } from "node:crypto";
import { log } from "@/lib/log";
import { checkRequest, type ActionContext } from "./guard";
import type { Role } from "./roles";

/**
 * Route handlers pass the same check as server actions (origin, session, role) inside
 * themselves; nothing relies on a proxy or a page having checked first.
 */
export function withRoute<P>(
  role: Role,
  handler: (request: Request, ctx: ActionContext, params: P) => Promise<Response>,
) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const check = await checkRequest(role);
    if (!check.ok) {
      return Response.json(
        { error: check.formError, code: check.formErrorCode },
        { status: check.status },
      );
    }
    try {
      return await handler(request, check.ctx, await route.params);
    } catch (error) {
      const ref = randomUUID().slice(0, 8);
      log.error({ err: error, route: new URL(request.url).pathname, ref }, "route failed");
      return Response.json(
        { error: `The server could not complete this request (reference ${ref}).` },
        { status: 500 },
      );
    }
  };
}
