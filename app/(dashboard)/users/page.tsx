import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserRowControls } from "@/components/users/user-row-controls";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireUser("admin");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Users"
        description="Who may use this console, and what each may do. Every change is in the audit trail."
      />
      <dl className="mb-6 grid gap-2 text-sm md:grid-cols-3">
        {ROLES.map((role) => (
          <div key={role} className="rounded-md bg-white p-3 ring-1 ring-slate-200">
            <dt className="font-medium">{ROLE_LABELS[role]}</dt>
            <dd className="text-slate-600">{ROLE_DESCRIPTIONS[role]}</dd>
          </div>
        ))}
      </dl>
      <Card className="mb-6" aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className="mb-4 text-lg font-semibold">
          Add a user
        </h2>
        <AddUserForm />
      </Card>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Email
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr
                key={user.id}
                data-user-id={user.id}
                className="border-t border-slate-100 align-top"
              >
                <td className="px-4 py-3">{user.name}</td>
                <td className="px-4 py-3">{user.email}</td>
                <td className="px-4 py-3">{ROLE_LABELS[user.role as Role] ?? "No access"}</td>
                <td className="px-4 py-3">
                  {user.disabled ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </td>
                <td className="px-4 py-3">
                  <UserRowControls user={user} isSelf={user.id === me.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
