import { getAuth } from "@/lib/auth/auth";

// Better Auth's own endpoints (sign-in, sign-out, session, admin user management). Each checks
// the session and, for admin endpoints, the role itself; POSTs are origin-checked.
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
