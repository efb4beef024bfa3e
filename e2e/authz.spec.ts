import { readFileSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { allSecrets, E2E_BASE_URL, E2E_USERS } from "./env";
import { authFile, expect, test } from "./fixtures";

/**
 * Every server action and route handler is a public endpoint. This spec finds them all in the
 * build and posts to each — with no session, as a viewer, and from a foreign site — with input
 * that WOULD change something if it were let through, then proves nothing changed.
 */

interface ActionRef {
  id: string;
  name: string;
  path: string;
}

function actionsInBuild(): ActionRef[] {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0]!;
    const path =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[[^\]]+\]/g, "x") || "/";
    return { id, name: entry.exportedName, path };
  });
}

function routeHandlersInBuild(): string[] {
  const manifest = JSON.parse(
    readFileSync(".next/server/app-paths-manifest.json", "utf8"),
  ) as Record<string, string>;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/route"))
    .map((k) => k.replace(/\/route$/, ""))
    .sort();
}

async function callAction(
  ctx: APIRequestContext,
  action: ActionRef,
  input: unknown,
  origin = E2E_BASE_URL,
) {
  const response = await ctx.post(action.path, {
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin,
    },
    data: JSON.stringify([input]),
  });
  return { status: response.status(), body: await response.text() };
}

const as = (role: "admin" | "viewer" | null) =>
  playwrightRequest.newContext({
    baseURL: E2E_BASE_URL,
    storageState: role ? authFile(role) : { cookies: [], origins: [] },
  });

async function userIds(admin: APIRequestContext) {
  const html = await (await admin.get("/users")).text();
  const idOf = (email: string) =>
    html.match(
      new RegExp(`data-user-id="([^"]+)"[^>]*>(?:(?!</tr>).)*?${email.replace(".", "\\.")}`, "s"),
    )?.[1];
  return { admin: idOf(E2E_USERS.admin.email)!, viewer: idOf(E2E_USERS.viewer.email)! };
}

test("every server action refuses a stranger, a viewer and a foreign site, and changes nothing", async ({
  page,
}) => {
  const admin = await as("admin");
  const ids = await userIds(admin);
  expect(ids.admin).toBeTruthy();
  expect(ids.viewer).toBeTruthy();

  // Input that would succeed for an admin: if any check were missing, something would change.
  const intruder = {
    name: "Intruder",
    email: "intruder@example.test",
    password: "intruder-Passw0rd-1",
  };
  const inputs: Record<string, unknown> = {
    createFirstAdminAction: { ...intruder, confirm: intruder.password },
    createUserAction: { ...intruder, role: "admin" },
    setRoleAction: { userId: ids.viewer, role: "admin" },
    disableUserAction: { userId: ids.admin },
    enableUserAction: { userId: ids.admin },
    resetPasswordAction: { userId: ids.admin, password: intruder.password },
    existingLocalPartsAction: { provider: "hybridbox", domain: "acme.example" },
    submitJobPartAction: {
      submissionId: "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
      provider: "hybridbox",
      domain: "empty.example",
      partNo: 0,
      partsTotal: 1,
      rowsTotal: 1,
      rows: [{ firstName: "Intruder", lastName: "", localPart: "intruder" }],
    },
  };
  const actions = actionsInBuild();
  const unknown = actions.filter((a) => !(a.name in inputs)).map((a) => a.name);
  expect(unknown, "a new server action: add a harmful input for it here").toEqual([]);

  const stranger = await as(null);
  const viewer = await as("viewer");
  // Refused by the guard itself, not by luck deeper down (a later check failing for another reason).
  const refusal = (name: string, who: "stranger" | "viewer") =>
    name === "createFirstAdminAction"
      ? "Setup is already done"
      : who === "stranger"
        ? "Your session has ended. Sign in again."
        : "Your role (Viewer) cannot do this.";
  for (const action of actions) {
    const input = inputs[action.name];
    const byStranger = await callAction(stranger, action, input);
    expect(byStranger.body, `${action.name} without a session`).toContain(
      refusal(action.name, "stranger"),
    );
    const byViewer = await callAction(viewer, action, input);
    expect(byViewer.body, `${action.name} as a viewer`).toContain(refusal(action.name, "viewer"));
    const foreign = await callAction(admin, action, input, "https://evil.example");
    expect(foreign.body, `${action.name} from a foreign site`).not.toContain('"ok":true');
    expect(
      foreign.status >= 400 ||
        foreign.body.includes("another site") ||
        foreign.body.includes("Setup is already done"),
      `${action.name} from a foreign site: ${foreign.status}`,
    ).toBe(true);
  }

  // Nothing changed: no intruder, the viewer is still a viewer, the admin's password still works.
  await page.goto("/users");
  await expect(page.getByRole("cell", { name: intruder.email, exact: true })).toHaveCount(0);
  await expect(
    page
      .getByRole("row", { name: new RegExp(E2E_USERS.viewer.email) })
      .getByRole("cell")
      .nth(2),
  ).toHaveText("Viewer");
  await expect(page.getByRole("row", { name: new RegExp(E2E_USERS.admin.email) })).toContainText(
    "Active",
  );
  const signIn = await stranger.post("/api/auth/sign-in/email", {
    headers: { origin: E2E_BASE_URL, "x-forwarded-for": "192.0.2.50" },
    data: { email: E2E_USERS.admin.email, password: E2E_USERS.admin.password },
  });
  expect(signIn.status()).toBe(200);
  await Promise.all([admin.dispose(), stranger.dispose(), viewer.dispose()]);
});

test("every route handler checks the caller itself", async () => {
  expect(routeHandlersInBuild(), "a new route handler: cover it here").toEqual([
    "/api/auth/[...all]",
    "/api/domains",
    "/api/domains/[provider]/[domain]/export",
    "/api/domains/[provider]/[domain]/mailboxes",
    "/api/health",
    "/api/jobs/[id]/check-again",
    "/api/jobs/[id]/credentials",
    "/api/jobs/[id]/failed",
    "/api/jobs/[id]/progress",
    "/api/jobs/[id]/results",
  ]);

  const stranger = await as(null);
  const viewer = await as("viewer");
  const admin = await as("admin");
  // Health is public by design and says nothing but ok and the database kind.
  const health = await stranger.get("/api/health");
  expect(Object.keys(await health.json()).sort()).toEqual(["database", "ok"]);
  expect((await stranger.post("/api/health", { headers: { origin: E2E_BASE_URL } })).status()).toBe(
    405,
  );

  // Jobs: readers may read; only operators take credentials, and only from this site.
  for (const path of ["progress", "results", "failed"]) {
    expect((await stranger.get(`/api/jobs/any/${path}`)).status(), path).toBe(401);
    expect((await viewer.get(`/api/jobs/no-such-job/${path}`)).status(), path).toBe(404);
  }
  const takeCredentials = (ctx: APIRequestContext, origin = E2E_BASE_URL) =>
    ctx.post("/api/jobs/no-such-job/credentials", { headers: { origin } });
  expect((await takeCredentials(stranger)).status()).toBe(401);
  expect((await takeCredentials(viewer)).status()).toBe(403);
  expect((await takeCredentials(admin, "https://evil.example")).status()).toBe(403);
  expect((await takeCredentials(admin)).status()).toBe(404);
  // Check again reads a job's unconfirmed rows: operators only, only from this site.
  const checkAgain = (ctx: APIRequestContext, origin = E2E_BASE_URL) =>
    ctx.post("/api/jobs/no-such-job/check-again", { headers: { origin } });
  expect((await checkAgain(stranger)).status()).toBe(401);
  expect((await checkAgain(viewer)).status()).toBe(403);
  expect((await checkAgain(admin, "https://evil.example")).status()).toBe(403);
  expect((await checkAgain(admin)).status()).toBe(404);

  // Domains, mailboxes and the CSV export: readers only, never from another site, no secrets.
  for (const path of [
    "/api/domains?provider=hybridbox",
    "/api/domains?provider=zcom",
    "/api/domains/hybridbox/acme.example/mailboxes?page=1&pageSize=25",
    "/api/domains/zcom/zcom-demo.example/mailboxes?search=info",
    "/api/domains/hybridbox/acme.example/export",
    "/api/domains/zcom/zcom-demo.example/export",
  ]) {
    expect((await stranger.get(path)).status(), `${path} without a session`).toBe(401);
    const served = await viewer.get(path);
    expect(served.status(), `${path} as a viewer`).toBe(200);
    const body = await served.text();
    for (const secret of allSecrets()) expect(body, `${path} leaks a secret`).not.toContain(secret);
    const foreign = await viewer.get(path, { headers: { origin: "https://evil.example" } });
    expect(foreign.status(), `${path} from a foreign site`).toBe(403);
  }

  // Better Auth's user management endpoints.
  const viewerId = (await userIds(admin)).viewer;
  const adminEndpoints = [
    [
      "/api/auth/admin/create-user",
      { email: "x2@example.test", password: "intruder-Passw0rd-2", name: "X", role: "admin" },
    ],
    ["/api/auth/admin/set-role", { userId: viewerId, role: "admin" }],
    ["/api/auth/admin/ban-user", { userId: viewerId }],
    ["/api/auth/admin/set-user-password", { userId: viewerId, newPassword: "intruder-Passw0rd-3" }],
  ] as const;
  for (const [path, data] of adminEndpoints) {
    const post = (ctx: APIRequestContext, origin: string) =>
      ctx.post(path, { headers: { origin }, data });
    expect((await post(stranger, E2E_BASE_URL)).status(), `${path} without a session`).toBe(401);
    expect((await post(viewer, E2E_BASE_URL)).status(), `${path} as a viewer`).toBe(403);
    expect(
      (await post(admin, "https://evil.example")).status(),
      `${path} from a foreign site`,
    ).toBe(403);
  }
  expect((await stranger.get("/api/auth/admin/list-users")).status()).toBe(401);
  expect((await viewer.get("/api/auth/admin/list-users")).status()).toBe(403);
  await Promise.all([admin.dispose(), stranger.dispose(), viewer.dispose()]);
});
