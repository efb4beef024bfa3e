import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "./env";

type Manifest = {
  node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
};

const manifest = () =>
  JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest;

/**
 * Calls a server action of the build the way the browser does (its id from the build's
 * manifest), so a spec can use the app's own code path without driving the page's form.
 */
function findAction(name: string): { id: string; path: string } {
  const found = Object.entries(manifest().node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`No server action ${name} in the build`);
  const [id, entry] = found;
  const worker = Object.keys(entry.workers)[0]!;
  const path =
    worker
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "") || "/";
  return { id, path };
}

async function callAction(
  request: APIRequestContext,
  name: string,
  input: unknown,
  origin = E2E_BASE_URL,
) {
  const action = findAction(name);
  const response = await request.post(action.path, {
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin,
    },
    data: JSON.stringify([input]),
  });
  return response.text();
}

/** Submits a one-part bulk job as the signed-in operator or admin; returns its id. */
export async function submitJob(
  request: APIRequestContext,
  job: { provider: "hybridbox" | "zcom"; domain: string; rows: Record<string, string>[] },
  /** The site the request says it comes from (another server of a multi-instance test). */
  origin = E2E_BASE_URL,
): Promise<string> {
  const body = await callAction(
    request,
    "submitJobPartAction",
    {
      submissionId: randomUUID(),
      provider: job.provider,
      domain: job.domain,
      partNo: 0,
      partsTotal: 1,
      rowsTotal: job.rows.length,
      rows: job.rows,
    },
    origin,
  );
  const jobId = body.match(/"ok":true,"data":\{"jobId":"([^"]+)"/)?.[1];
  expect(jobId, `the job was not accepted: ${body}`).toBeTruthy();
  return jobId!;
}

/** Polls the job's progress endpoint until the runner has finished it. */
export async function waitForJob(request: APIRequestContext, jobId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const progress = (await (await request.get(`/api/jobs/${jobId}/progress`)).json()) as {
          job: { state: string };
        };
        return progress.job.state;
      },
      { timeout: 30_000, message: `job ${jobId} did not finish` },
    )
    .toBe("done");
}
