/**
 * What the sign-in page says when single sign-on comes back with Better Auth's `?error=` code.
 * Each names what happened and what to do; no session was made in any of these cases. Unknown
 * codes get a general sentence (the code is shown, never the provider's free text).
 */
export function ssoErrorMessage(code: string, idp: string): string {
  switch (code) {
    case "access_denied":
      return `Sign-in with ${idp} was cancelled or refused there. You are not signed in.`;
    case "state_mismatch":
    case "state_not_found":
    case "please_restart_the_process":
    case "invalid_callback_request":
    case "no_code":
      return `The answer from ${idp} did not belong to a sign-in started in this browser (stale, reused or forged). You are not signed in: start again.`;
    case "invalid_code":
      return `${idp} did not accept the sign-in code (it may have expired or been used already). You are not signed in: start again.`;
    case "issuer_mismatch":
    case "unable_to_get_user_info":
      return `The identity token from ${idp} could not be verified (wrong issuer, audience, signature or nonce). You are not signed in.`;
    case "email_not_found":
      return `${idp} did not share your email address, which the console needs. Ask your identity administrator.`;
    case "account_not_linked":
      return `An account with your email address already exists here for password sign-in. Ask an admin to connect it.`;
    case "BANNED_USER":
      return "This account is disabled. Ask an admin.";
    default:
      return `Sign-in with ${idp} failed (${code.slice(0, 60)}). You are not signed in: try again, or ask an admin.`;
  }
}
