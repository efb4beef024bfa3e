"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { postJson } from "@/lib/client/fetch-json";

export function SignOutButton() {
  const t = useTranslations("header");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      pending={pending}
      pendingLabel={t("signingOut")}
      onClick={async () => {
        setPending(true);
        // Signed out or not, the sign-in page is where to go next.
        await postJson("/api/auth/sign-out", {}).catch(() => null);
        router.replace("/sign-in");
        router.refresh();
      }}
    >
      {t("signOut")}
    </Button>
  );
}
