import { getAuth } from "@/lib/auth/auth";

// Better Auth's HTTP endpoints. Only sign-in and sign-out (and single sign-on when configured)
// answer; every other one is 404 (lib/auth/exposed.ts). POSTs are origin-checked.
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
