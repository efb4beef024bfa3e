"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { disableUserAction } from "@/lib/actions/disable-user";
import { enableUserAction } from "@/lib/actions/enable-user";
import { resetPasswordAction } from "@/lib/actions/reset-password";
import { setRoleAction } from "@/lib/actions/set-role";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useMessageText } from "@/components/i18n/use-message-text";
import type { ActionResult } from "@/lib/actions/result";
import { ROLES, type Role } from "@/lib/auth/roles";

interface Props {
  user: { id: string; name: string; email: string; role: string | null; disabled: boolean };
  isSelf: boolean;
}

export function UserRowControls({ user, isSelf }: Props) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const text = useMessageText();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>(
    (ROLES as readonly string[]).includes(user.role ?? "") ? (user.role as Role) : "viewer",
  );
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string>();

  const run = (call: () => Promise<ActionResult<unknown>>, done: string) =>
    startTransition(async () => {
      const result = await call();
      setMessage(
        result.ok ? done : (text(result.formError, result.formErrorCode) ?? t("didNotWork")),
      );
      if (result.ok) {
        setPassword("");
        router.refresh();
      }
    });

  if (isSelf) return <p className="text-xs text-slate-500">{t("isYou")}</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-role`} className="sr-only">
          {t("roleOf", { email: user.email })}
        </label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tRoles(r)}
            </option>
          ))}
        </select>
        <Button
          variant="secondary"
          disabled={pending || role === user.role}
          onClick={() =>
            run(() => setRoleAction({ userId: user.id, role }), t("roleChanged", { role }))
          }
        >
          {t("saveRole")}
        </Button>
        {user.disabled ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => run(() => enableUserAction({ userId: user.id }), t("enabled"))}
          >
            {t("enable")}
          </Button>
        ) : (
          <Button
            variant="danger"
            disabled={pending}
            onClick={() => run(() => disableUserAction({ userId: user.id }), t("disabledDone"))}
          >
            {t("disable")}
          </Button>
        )}
      </div>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => resetPasswordAction({ userId: user.id, password }), t("passwordReset"));
        }}
      >
        <label htmlFor={`${id}-password`} className="sr-only">
          {t("newPasswordFor", { email: user.email })}
        </label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          placeholder={t("newPassword")}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={pending || password.length === 0}>
          {t("resetPassword")}
        </Button>
      </form>
      <FormMessage tone="success">{message}</FormMessage>
    </div>
  );
}
