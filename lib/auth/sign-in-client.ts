/**
 * Signs in through Better Auth's own endpoint (rate-limited there; it sets the session cookie).
 * Browser-only; null when the server did not answer.
 */
export function postSignIn(email: string, password: string): Promise<Response | null> {
  return fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  }).catch(() => null);
}
