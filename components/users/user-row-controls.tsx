"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { disableUserAction } from "@/lib/actions/disable-user";
import { enableUserAction } from "@/lib/actions/enable-user";
import { resetPasswordAction } from "@/lib/actions/reset-password";
import { setRoleAction } from "@/lib/actions/set-role";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

interface Props {
  user: { id: string; name: string; email: string; role: string | null; disabled: boolean };
  isSelf: boolean;
}

export function UserRowControls({ user, isSelf }: Props) {
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
      setMessage(result.ok ? done : (result.formError ?? "That did not work."));
      if (result.ok) {
        setPassword("");
        router.refresh();
      }
    });

  if (isSelf) return <p className="text-xs text-slate-500">This is you.</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-role`} className="sr-only">
          Role of {user.email}
        </label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button
          variant="secondary"
          disabled={pending || role === user.role}
          onClick={() =>
            run(
              () => setRoleAction({ userId: user.id, role }),
              `Role changed to ${ROLE_LABELS[role]}.`,
            )
          }
        >
          Save role
        </Button>
        {user.disabled ? (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => run(() => enableUserAction({ userId: user.id }), "Enabled.")}
          >
            Enable
          </Button>
        ) : (
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              run(
                () => disableUserAction({ userId: user.id }),
                "Disabled; their sessions have ended.",
              )
            }
          >
            Disable
          </Button>
        )}
      </div>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => resetPasswordAction({ userId: user.id, password }), "Password reset.");
        }}
      >
        <label htmlFor={`${id}-password`} className="sr-only">
          New password for {user.email}
        </label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          placeholder="New password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <Button type="submit" variant="secondary" disabled={pending || password.length === 0}>
          Reset password
        </Button>
      </form>
      <FormMessage tone="success">{message}</FormMessage>
    </div>
  );
}
