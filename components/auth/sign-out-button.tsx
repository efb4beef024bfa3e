"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { postJson } from "@/lib/client/fetch-json";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      pending={pending}
      pendingLabel="Signing out…"
      onClick={async () => {
        setPending(true);
        // Signed out or not, the sign-in page is where to go next.
        await postJson("/api/auth/sign-out", {}).catch(() => null);
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
