import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AddUserForm } from "@/components/users/add-user-form";
import { UserRowControls } from "@/components/users/user-row-controls";
import { ROLES, type Role } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const me = await requireUser("admin");
  const users = await listUsers();
  const [t, tRoles, tDescriptions] = await Promise.all([
    getTranslations("users"),
    getTranslations("roles"),
    getTranslations("roleDescriptions"),
  ]);
  const roleName = (role: string | null) =>
    (ROLES as readonly string[]).includes(role ?? "") ? tRoles(role as Role) : t("noAccess");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <dl className="mb-6 grid gap-2 text-sm md:grid-cols-3">
        {ROLES.map((role) => (
          <div key={role} className="rounded-md bg-white p-3 ring-1 ring-slate-200">
            <dt className="font-medium">{tRoles(role)}</dt>
            <dd className="text-slate-600">{tDescriptions(role)}</dd>
          </div>
        ))}
      </dl>
      <Card className="mb-6" aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className="mb-4 text-lg font-semibold">
          {t("addHeading")}
        </h2>
        <AddUserForm />
      </Card>
      <DataTable
        caption={t("caption")}
        rows={users}
        rowKey={(user) => user.id}
        rowProps={(user) => ({ "data-user-id": user.id })}
        empty={t("empty")}
        columns={[
          { header: t("colName"), cell: (user) => user.name },
          { header: t("colEmail"), cell: (user) => user.email },
          { header: t("colRole"), cell: (user) => roleName(user.role) },
          {
            header: t("colStatus"),
            cell: (user) =>
              user.disabled ? (
                <Badge tone="danger">{t("disabled")}</Badge>
              ) : (
                <Badge tone="success">{t("active")}</Badge>
              ),
          },
          {
            header: t("colChange"),
            cell: (user) => <UserRowControls user={user} isSelf={user.id === me.id} />,
          },
        ]}
      />
    </>
  );
}
