import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { getEndpoints } from "better-auth/api";
import { admin as adminPlugin } from "better-auth/plugins/admin";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { exposedEndpoints } from "../lib/auth/exposed";
import { allSecrets, E2E_BASE_URL, E2E_SECRETS, E2E_USERS, e2eServerEnv } from "./env";
import { authFile, expect, test } from "./fixtures";
import { postFrom, requestFrom } from "./from-address";
import { submitJob, waitForJob } from "./server-actions";

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

const as = (role: "admin" | "operator" | "viewer" | null) =>
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

test("every server action refuses every role below its own and every foreign site", async ({
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
    // Harmless to its own user, but a stranger or a foreign page must not reach it either.
    setLocaleAction: { locale: "ja" },
    submitJobPartAction: {
      submissionId: "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
      provider: "hybridbox",
      domain: "empty.example",
      partNo: 0,
      partsTotal: 1,
      rowsTotal: 1,
      rows: [{ firstName: "Intruder", lastName: "", localPart: "intruder" }],
    },
    // Would delete every mailbox of big.example if its role check were missing.
    deleteMailboxesAction: {
      submissionId: "0b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      provider: "hybridbox",
      domain: "big.example",
      selection: { mode: "search", search: "" },
      confirmDomain: "big.example",
      confirmCount: 120,
    },
    undoPreviewAction: { jobId: "00000000-0000-4000-8000-000000000000" },
    // Would give every mailbox of big.zcom.example a new password, or swap every name on big.example.
    resetMailboxPasswordsAction: {
      submissionId: "2d0c4b6a-3e5f-4a71-8c1d-2e3f4a5b6c7d",
      provider: "zcom",
      domain: "big.zcom.example",
      selection: { mode: "search", search: "" },
      password: { mode: "generate" },
      confirmCount: 120,
    },
    updateMailboxNamesAction: {
      submissionId: "3e1d5c7b-4f60-4b82-9d2e-3f4a5b6c7d8e",
      provider: "hybridbox",
      domain: "big.example",
      changes: { mode: "swap", selection: { mode: "search", search: "" }, confirmCount: 120 },
    },
    undoJobAction: {
      submissionId: "1c9b3a5f-2d4e-4f60-9b0c-1d2e3f4a5b6c",
      jobId: "00000000-0000-4000-8000-000000000000",
      confirmDomain: "empty.example",
      confirmCount: 1,
    },
  };
  // The role each action is bound to (app/actions.test.ts checks the same in Vitest).
  const bound: Record<string, "viewer" | "operator" | "admin" | "nobody"> = {
    createFirstAdminAction: "nobody", // open only before the first admin exists
    createUserAction: "admin",
    setRoleAction: "admin",
    disableUserAction: "admin",
    enableUserAction: "admin",
    resetPasswordAction: "admin",
    existingLocalPartsAction: "operator",
    setLocaleAction: "viewer",
    submitJobPartAction: "operator",
    deleteMailboxesAction: "admin",
    undoPreviewAction: "admin",
    undoJobAction: "admin",
    resetMailboxPasswordsAction: "operator",
    updateMailboxNamesAction: "operator",
  };
  const actions = actionsInBuild();
  const unknown = actions.filter((a) => !(a.name in inputs)).map((a) => a.name);
  expect(unknown, "a new server action: add a harmful input and its role here").toEqual([]);

  const callers = {
    stranger: await as(null),
    viewer: await as("viewer"),
    operator: await as("operator"),
    admin,
  };
  const rank = { stranger: 0, viewer: 1, operator: 2, admin: 3, nobody: 4 } as const;
  const label = { viewer: "Viewer", operator: "Operator", admin: "Admin" } as const;
  // Refused by the guard itself, not by luck deeper down (a later check failing for another reason).
  const refusal = (name: string, who: keyof typeof callers) =>
    name === "createFirstAdminAction"
      ? "Setup is already done"
      : who === "stranger"
        ? "Your session has ended. Sign in again."
        : `Your role (${label[who]}) cannot do this.`;
  for (const action of actions) {
    const input = inputs[action.name];
    for (const [who, ctx] of Object.entries(callers) as [
      keyof typeof callers,
      APIRequestContext,
    ][]) {
      if (rank[who] < rank[bound[action.name]!]) {
        const refused = await callAction(ctx, action, input);
        expect(refused.body, `${action.name} as ${who}`).toContain(refusal(action.name, who));
      }
      // From a foreign page, every caller is refused, whatever their role.
      const foreign = await callAction(ctx, action, input, "https://evil.example");
      expect(foreign.body, `${action.name} as ${who} from a foreign site`).not.toContain(
        '"ok":true',
      );
      expect(
        foreign.status >= 400 ||
          foreign.body.includes("another site") ||
          foreign.body.includes("Setup is already done"),
        `${action.name} as ${who} from a foreign site: ${foreign.status}`,
      ).toBe(true);
    }
  }
  const { stranger, viewer, operator } = callers;

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
  await Promise.all([admin.dispose(), stranger.dispose(), viewer.dispose(), operator.dispose()]);
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
    "/api/metrics",
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

  // Metrics answer a scraper with the bearer token only; no session opens them.
  expect((await stranger.get("/api/metrics")).status()).toBe(401);
  expect((await admin.get("/api/metrics")).status()).toBe(401);
  const wrongToken = { authorization: `Bearer ${E2E_SECRETS.METRICS_TOKEN.slice(0, -1)}x` };
  expect((await stranger.get("/api/metrics", { headers: wrongToken })).status()).toBe(401);
  const scrape = await stranger.get("/api/metrics", {
    headers: { authorization: `Bearer ${E2E_SECRETS.METRICS_TOKEN}` },
  });
  expect(scrape.status()).toBe(200);
  const text = await scrape.text();
  for (const name of [
    "mbc_jobs{",
    "mbc_provider_limit{",
    "mbc_provider_in_flight{",
    "mbc_provider_throttled_total{",
    "mbc_process_resident_memory_bytes",
  ]) {
    expect(text, name).toContain(name);
  }

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
  const operator = await as("operator");
  expect((await takeCredentials(operator, "https://evil.example")).status()).toBe(403);
  expect((await takeCredentials(operator)).status()).toBe(404);
  await operator.dispose();
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

  await Promise.all([admin.dispose(), stranger.dispose(), viewer.dispose()]);
});

/** Every endpoint Better Auth 1.7 has, with the plugins the console may load. */
function betterAuthEndpoints(): { method: string; path: string }[] {
  const { api } = getEndpoints(Promise.resolve({}) as never, {
    plugins: [
      adminPlugin(),
      genericOAuth({
        config: [
          {
            providerId: "oidc",
            clientId: "x",
            clientSecret: "y",
            discoveryUrl: "http://idp.invalid",
          },
        ],
      }),
    ],
  });
  return Object.values(api as Record<string, { path?: string; options?: { method?: unknown } }>)
    .filter((e) => typeof e.path === "string")
    .flatMap((e) =>
      ([e.options?.method ?? "GET"].flat() as string[])
        .filter((m) => m !== "*")
        .map((method) => ({ method, path: `/api/auth${e.path!.replace(/:\w+/g, "oidc")}` })),
    );
}

const cookieOf = (role: "admin" | "operator" | "viewer") =>
  (
    JSON.parse(readFileSync(authFile(role), "utf8")) as {
      cookies: { name: string; value: string }[];
    }
  ).cookies
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");

test("every Better Auth endpoint but sign-in and sign-out is closed, to every role and site", async () => {
  const endpoints = betterAuthEndpoints();
  expect(endpoints.length).toBeGreaterThan(40);
  const roles = {
    stranger: "",
    viewer: cookieOf("viewer"),
    operator: cookieOf("operator"),
    admin: cookieOf("admin"),
  };
  const origins = [E2E_BASE_URL, "https://evil.example"];
  // Harmful if it were let through: promote, rename, reset, impersonate, remove.
  const body = {
    userId: "any",
    role: "admin",
    newPassword: "intruder-Passw0rd-9",
    name: "x".repeat(50_000),
    image: "javascript:alert(1)",
    email: "intruder@example.test",
    password: "intruder-Passw0rd-9",
  };
  // The e2e server has single sign-on: its three endpoints are open too (e2e/sso.spec.ts).
  const open = new Set(
    exposedEndpoints({ oidc: Boolean(e2eServerEnv.OIDC_ISSUER) }).map(
      (e) => `${e.method} /api/auth${e.path}`,
    ),
  );
  expect([...open].sort()).toEqual([
    "GET /api/auth/callback/oidc",
    "POST /api/auth/callback/oidc",
    "POST /api/auth/sign-in/email",
    "POST /api/auth/sign-in/social",
    "POST /api/auth/sign-out",
  ]);
  const answered: string[] = [];
  let host = 30; // one client address per role and site: Better Auth's own limits stay out of it
  for (const [role, cookie] of Object.entries(roles)) {
    for (const origin of origins) {
      const from = `127.0.0.${host++}`;
      for (const { method, path } of endpoints) {
        if (open.has(`${method} ${path}`)) continue;
        const response = await requestFrom(from, method, path, {
          ...(method === "GET" ? {} : { json: body }),
          headers: { origin, ...(cookie ? { cookie } : {}) },
        });
        if (response.status !== 404)
          answered.push(`${role} from ${origin}: ${method} ${path} ${response.status}`);
      }
    }
  }
  expect(answered).toEqual([]);

  // The ones that are open check the site: a foreign page can neither sign in nor sign out.
  const user = E2E_USERS.operator;
  const foreign = { origin: "https://evil.example" };
  const signIn = await postFrom("127.0.0.40", "/api/auth/sign-in/email", user, foreign);
  expect(signIn.status).toBe(403);
  const signOut = await postFrom(
    "127.0.0.40",
    "/api/auth/sign-out",
    {},
    { ...foreign, cookie: roles.operator },
  );
  expect(signOut.status).toBe(403);
  // … nor start a single sign-on in the visitor's browser (login CSRF).
  const sso = await postFrom(
    "127.0.0.40",
    "/api/auth/sign-in/social",
    { provider: "oidc", callbackURL: "/" },
    foreign,
  );
  expect(sso.status).toBe(403);
  // Nothing changed: the operator still signs in, as an operator, named as before.
  const again = await postFrom("127.0.0.41", "/api/auth/sign-in/email", user, {
    "x-forwarded-for": "6.6.6.6",
  });
  expect(again.status).toBe(200);
  expect(JSON.parse(again.body).user).toMatchObject({
    role: "operator",
    name: user.name,
    image: null,
  });
  // The audit trail has the address the connection came from, not the forged one.
  const admin = await as("admin");
  const audit = await (
    await admin.get(`/audit?action=auth.signed_in&actor=${encodeURIComponent(user.email)}`)
  ).text();
  expect(audit).toContain("127.0.0.41");
  expect(audit).not.toContain("6.6.6.6");
  await admin.dispose();
});

test.describe("after sign-in", () => {
  test.use({ role: "anonymous" });

  test("the next page is always on this site", async ({ page }) => {
    const elsewhere = `127.0.0.1:${e2eServerEnv.SANDBOX_HYBRIDBOX_PORT}`;
    for (const next of [`/%5C${elsewhere}/steal`, `/%09/${elsewhere}/steal`]) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?next=${next}`);
      await page.getByLabel("Email").fill(E2E_USERS.viewer.email);
      await page.getByLabel("Password").fill(E2E_USERS.viewer.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      expect(new URL(page.url()).origin, next).toBe(E2E_BASE_URL);
    }
  });
});

test("every page and route reads its URL parameters without failing", async ({ page }) => {
  const job = "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f";
  const paths = [
    "/jobs?page=1e400",
    "/jobs?page=-1&page=2",
    "/jobs?page=99999999999999999999999",
    "/jobs/not-a-job",
    `/jobs/${job}`,
    "/bulk?provider=evil&domain=%00&retry=javascript:alert(1)",
    "/bulk?provider=zcom&provider=hybridbox&retry=a&retry=b",
    `/bulk?retry=${job}`,
    "/audit?page=1e400&from=0000-01-01&to=9999-99-99&action=nope&actor=%25_",
    "/domains/hybridbox/acme.example?page=1e400&pageSize=1e400&sort=-evil&search=%00",
    "/domains/evil/acme.example",
    "/domains/zcom/%E0%A4%A",
    "/sign-in?next=1e400",
    `/api/jobs/${job}/progress?since=1e400&limit=-1`,
    "/api/jobs/not-a-job/progress",
    "/api/jobs/1e400/results",
    "/api/domains?provider=evil",
    "/api/domains/hybridbox/acme.example/mailboxes?page=1e400&pageSize=1e400&sort=1e400",
  ];
  for (const path of paths) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBeLessThan(500);
  }
});

test("credentials go to the job's submitter, or to an admin who says why", async () => {
  const [operator, admin, viewer] = await Promise.all([as("operator"), as("admin"), as("viewer")]);
  const job = async (by: APIRequestContext) => {
    const id = await submitJob(by, {
      provider: "zcom",
      domain: "empty.zcom.example",
      rows: [
        { firstName: "Cred", lastName: "Test", localPart: `e2e-cred-${randomUUID().slice(0, 8)}` },
      ],
    });
    await waitForJob(by, id);
    return id;
  };
  const take = (ctx: APIRequestContext, id: string, data: object = {}) =>
    ctx.post(`/api/jobs/${id}/credentials`, { headers: { origin: E2E_BASE_URL }, data });

  const mine = await job(operator);
  expect((await take(viewer, mine)).status()).toBe(403);
  const noReason = await take(admin, mine);
  expect(noReason.status()).toBe(403);
  expect((await noReason.json()).error).toContain("say why");
  // Refusals consume nothing: the submitter still gets the file, once.
  const taken = await take(operator, mine);
  expect(taken.status()).toBe(200);
  expect((await taken.text()).split("\r\n").filter(Boolean)).toHaveLength(2);
  expect((await take(operator, mine)).status()).toBe(410);

  const theirs = await job(operator);
  const reason = "Otto is away; the new starters need their mail today.";
  expect((await take(admin, theirs, { reason })).status()).toBe(200);
  const audit = await (await admin.get("/audit?action=job.credentials_downloaded")).text();
  expect(audit).toContain(reason);
  await Promise.all([operator.dispose(), admin.dispose(), viewer.dispose()]);
});

test("every page has a nonce-based CSP, and page script cannot reach the session token", async ({
  page,
  browser,
}) => {
  const job = await submitJob(page.request, {
    provider: "hybridbox",
    domain: "empty.example",
    rows: [
      { firstName: "Csp", lastName: "Check", localPart: `e2e-csp-${randomUUID().slice(0, 8)}` },
    ],
  });
  const pages = [
    "/",
    "/bulk",
    "/jobs",
    `/jobs/${job}`,
    "/domains",
    "/domains/hybridbox/acme.example",
    "/domains/zcom/zcom-demo.example",
    "/users",
    "/audit",
    "/no-such-page",
  ];
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await page.goto(path);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    nonces.add(csp.match(/'nonce-([^']+)'/)![1]!);
    await page.waitForLoadState("networkidle");
    // Every script in the HTML carries the nonce (later ones are loaded by them: 'strict-dynamic').
    const html = (await response?.text()) ?? "";
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(
      scripts.filter((tag) => !tag.includes(' nonce="')),
      path,
    ).toEqual([]);
  }
  expect(nonces.size, "a fresh nonce on every response").toBe(pages.length);

  // Markup injected into a page (what an XSS would do) does not run, and the browser says why.
  const other = await browser.newContext({ storageState: authFile("admin") });
  const victim = await other.newPage();
  const reported: string[] = [];
  victim.on("console", (m) => reported.push(m.text()));
  await victim.goto("/");
  const ran = await victim.evaluate(async () => {
    const box = document.createElement("div");
    box.innerHTML = '<img src="/no-such.png" onerror="window.__injected = true">';
    document.body.append(box);
    await new Promise((r) => setTimeout(r, 500));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect(reported.join("\n")).toMatch(/Content Security Policy/);
  await other.close();

  // The session token: not in document.cookie (HttpOnly), and no endpoint shows it in JSON.
  const token = (await page.context().cookies()).find((c) => c.name.endsWith("session_token"));
  expect(token?.httpOnly).toBe(true);
  const seen = await page.evaluate(async () => {
    const get = async (path: string) => {
      const r = await fetch(path, { credentials: "include" });
      return `${r.status} ${await r.text()}`;
    };
    return [
      document.cookie,
      await get("/api/auth/get-session"),
      await get("/api/auth/list-sessions"),
    ].join("\n");
  });
  expect(seen).not.toContain(token!.value.split(".")[0]!);
  expect(seen).toContain("404");

  const fresh = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signIn = await fresh.request.post("/api/auth/sign-in/email", {
    headers: { origin: E2E_BASE_URL },
    data: { email: E2E_USERS.viewer.email, password: E2E_USERS.viewer.password },
  });
  expect(signIn.status()).toBe(200);
  const issued = (await fresh.cookies()).find((c) => c.name.endsWith("session_token"))!;
  expect(await signIn.text()).not.toContain(issued.value.split(".")[0]!);
  await fresh.close();
});

test("an action reads no body larger than the largest part the bulk page sends", async () => {
  const stranger = await as(null);
  const submit = actionsInBuild().find((a) => a.name === "submitJobPartAction")!;
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      localPart: `u${i}`,
      source: { note: "x".repeat(200) },
    }));
  // Refused while it is read ("Body exceeded 2mb limit"), so before the session is looked at.
  const big = await callAction(stranger, submit, { rows: rows(11_000) });
  expect(big.status).toBeGreaterThanOrEqual(400);
  expect(big.body).not.toContain("Your session has ended");
  // A body the size of a legitimate part is read (and then refused for want of a session).
  const part = await callAction(stranger, submit, { rows: rows(5_000) });
  expect(part.body).toContain("Your session has ended");
  await stranger.dispose();
});
