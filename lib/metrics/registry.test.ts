import { describe, expect, it } from "vitest";
import { OPEN_GATE, routeTemplate, throughGate } from "@/lib/providers/gate";
import { measuredGate, metrics } from "./registry";

describe("routeTemplate", () => {
  it("names routes, never a mailbox", () => {
    expect(routeTemplate("POST", "/mailboxes/bulk")).toBe("POST /mailboxes/bulk");
    expect(routeTemplate("PATCH", "/mailboxes/a%40b.example")).toBe("PATCH /mailboxes/{id}");
    expect(routeTemplate("GET", "/v1/emails/12345")).toBe("GET /v1/emails/{id}");
    expect(routeTemplate("PUT", "/v1/emails/12345/password")).toBe("PUT /v1/emails/{id}/password");
    expect(routeTemplate("GET", "/v1/emails?domain_id=9")).toBe("GET /v1/emails");
  });
});

describe("provider request metrics", () => {
  it("records each request's route, status and time, and counts 429s", async () => {
    const gate = measuredGate("hybridbox", OPEN_GATE);
    await throughGate(gate, undefined, async () => ({ status: 201 }), "POST /mailboxes/bulk");
    await throughGate(gate, undefined, async () => ({ status: 429 }), "POST /mailboxes/bulk");
    await expect(
      throughGate(gate, undefined, () => Promise.reject(new Error("reset")), "GET /domains"),
    ).rejects.toThrow("reset");
    // Only these two: the others read the database at scrape time.
    const { registry } = metrics();
    const text =
      (await registry.getSingleMetricAsString("mbc_provider_request_duration_seconds")) +
      (await registry.getSingleMetricAsString("mbc_provider_throttled_total"));
    expect(text).toContain(
      'mbc_provider_request_duration_seconds_count{provider="hybridbox",route="POST /mailboxes/bulk",status="201"} 1',
    );
    expect(text).toContain(
      'mbc_provider_request_duration_seconds_count{provider="hybridbox",route="GET /domains",status="none"} 1',
    );
    expect(text).toContain('mbc_provider_throttled_total{provider="hybridbox",status="429"} 1');
  });
});
