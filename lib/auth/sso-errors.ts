import type { Coded } from "@/lib/i18n/coded";

/**
 * What the sign-in page says when single sign-on comes back with Better Auth's `?error=` code
 * (catalog group "sso"). Each names what happened and what to do; no session was made in any of
 * these cases. Unknown codes get a general sentence (the code is shown, never the provider's
 * free text).
 */
export function ssoError(code: string, idp: string): Coded {
  switch (code) {
    case "access_denied":
    case "invalid_code":
    case "email_not_found":
    case "account_not_linked":
      return { key: `sso.${code}`, params: { idp } };
    case "state_mismatch":
    case "state_not_found":
    case "please_restart_the_process":
    case "invalid_callback_request":
    case "no_code":
      return { key: "sso.stale", params: { idp } };
    case "issuer_mismatch":
    case "unable_to_get_user_info":
      return { key: "sso.unverified", params: { idp } };
    case "BANNED_USER":
      return { key: "sso.banned" };
    default:
      return { key: "sso.other", params: { idp, code: code.slice(0, 60) } };
  }
}
