import type { BetterAuthPlugin } from "better-auth";

// The Better Auth endpoints a browser may call: the ones the console's own pages use. Everything
// else Better Auth has (user and session management, profile updates, impersonation, tokens…)
// answers 404 over HTTP — user management goes through our audited server actions, which call
// Better Auth on the server. Deny by default, so an upgrade's new endpoints stay closed too.

export interface ExposedEndpoint {
  method: "GET" | "POST";
  path: string;
}

export function exposedEndpoints({ oidc }: { oidc: boolean }): ExposedEndpoint[] {
  return [
    { method: "POST", path: "/sign-in/email" },
    { method: "POST", path: "/sign-out" },
    // Single sign-on (generic OAuth registers "oidc" as a social provider in Better Auth 1.7).
    ...(oidc
      ? ([
          { method: "POST", path: "/sign-in/social" },
          { method: "GET", path: "/callback/oidc" },
          { method: "POST", path: "/callback/oidc" }, // form_post responses
          // No /error: a failed sign-in goes to our sign-in page (onAPIError.errorURL).
        ] as const)
      : []),
  ];
}

/** A plugin whose request hook refuses every endpoint not in `allowed` (before it runs). */
export function exposeOnly(allowed: ExposedEndpoint[], basePath: string): BetterAuthPlugin {
  const open = new Set(allowed.map((e) => `${e.method} ${e.path}`));
  return {
    id: "expose-only",
    onRequest: async (request) => {
      const pathname = new URL(request.url).pathname;
      const path = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : null;
      if (path !== null && open.has(`${request.method} ${path}`)) return;
      return { response: Response.json({ message: "Not found" }, { status: 404 }) };
    },
  };
}
