import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
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
      <DataTable
        caption="Users"
        rows={users}
        rowKey={(user) => user.id}
        rowProps={(user) => ({ "data-user-id": user.id })}
        empty="No users yet."
        columns={[
          { header: "Name", cell: (user) => user.name },
          { header: "Email", cell: (user) => user.email },
          { header: "Role", cell: (user) => ROLE_LABELS[user.role as Role] ?? "No access" },
          {
            header: "Status",
            cell: (user) =>
              user.disabled ? (
                <Badge tone="danger">Disabled</Badge>
              ) : (
                <Badge tone="success">Active</Badge>
              ),
          },
          {
            header: "Change",
            cell: (user) => <UserRowControls user={user} isSelf={user.id === me.id} />,
          },
        ]}
      />
    </>
  );
}
