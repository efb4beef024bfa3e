import { postJson } from "@/lib/client/fetch-json";

/**
 * Signs in through Better Auth's own endpoint (rate-limited there; it sets the session cookie).
 * Browser-only; a refusal or no answer is thrown as a FetchError (its status says which).
 */
export async function postSignIn(email: string, password: string): Promise<void> {
  await postJson("/api/auth/sign-in/email", { email, password });
}
