import "server-only";
import { headers } from "next/headers";
import type { Authorize } from "@/lib/actions/create-action-client";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { trustedOrigins } from "./origins";
import type { Coded } from "@/lib/i18n/coded";
import { inEnglish } from "@/lib/i18n/english";
import { hasRole, type Role } from "./roles";
import { currentUser, type SessionUser } from "./session";

export interface ActionContext {
  user: SessionUser;
  ip: string | null;
}

type Check =
  | { ok: true; ctx: ActionContext }
  | { ok: false; formError: string; formErrorCode: Coded; status: number };

const refuse = (status: number, code: Coded) =>
  ({ ok: false, status, formError: inEnglish(code), formErrorCode: code }) as const;

/**
 * The one check behind every server action and route handler: a request from a foreign page is
 * refused (Next checks Origin for actions too; this also covers route handlers), then the session,
 * then the role. The session is read from the database each time, so a disabled user or a role
 * change counts at once.
 */
export async function checkRequest(role: Role): Promise<Check> {
  const h = await headers();
  const origin = h.get("origin");
  if (origin !== null && !isTrustedOrigin(origin, h.get("host"))) {
    return refuse(403, { key: "errors.foreignOrigin" });
  }
  const user = await currentUser();
  if (!user) {
    return refuse(401, { key: "errors.sessionEnded" });
  }
  if (!hasRole(user.role, role)) {
    // Role names go as codes too: the catalog words them.
    return refuse(403, { key: "errors.roleTooLow", params: { role: user.role, required: role } });
  }
  // From the socket (or past a trusted proxy): never the X-Forwarded-For a client sent.
  const ip = clientIp(h);
  return { ok: true, ctx: { user, ip } };
}

export const authorize: Authorize<Role, ActionContext> = async (role) => {
  const check = await checkRequest(role);
  return check.ok
    ? check
    : { ok: false, formError: check.formError, formErrorCode: check.formErrorCode };
};

function isTrustedOrigin(origin: string, host: string | null): boolean {
  const configured = trustedOrigins(env().auth.appUrl);
  if (configured.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
  // The configured site by another scheme or port is another site.
  if (configured.some((c) => new URL(c).hostname === url.hostname)) return false;
  // Same host as the request: the page and the endpoint are one site, whatever APP_URL says.
  return host !== null && url.host === host && /^https?:$/.test(url.protocol);
}
