import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_IP_HEADER,
  normalizeIp,
  parseTrustedProxies,
  resolveClientIp,
  stampClientIp,
} from "./forwarded";

describe("the client's address", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, ::1");

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientIp("::ffff:203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(resolveClientIp("203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.9");
    expect(resolveClientIp("2001:db8::1", undefined, none)).toBe("2001:db8::1");
  });

  it("is the peer when the peer is not a trusted proxy, even with proxies configured", () => {
    expect(resolveClientIp("203.0.113.9", "10.0.0.1", proxies)).toBe("203.0.113.9");
  });

  it("is read from the right, past trusted hops, when a trusted proxy sent the request", () => {
    expect(resolveClientIp("127.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // A client that sends its own X-Forwarded-For gets it prepended to, not believed.
    expect(resolveClientIp("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9", proxies)).toBe(
      "198.51.100.7",
    );
    expect(resolveClientIp("::1", ["198.51.100.7", "10.0.0.2"], proxies)).toBe("198.51.100.7");
    // Only proxies in the chain: the left-most one is the best we know.
    expect(resolveClientIp("10.0.0.1", "10.0.0.2", proxies)).toBe("10.0.0.2");
    // No header: the proxy itself.
    expect(resolveClientIp("10.0.0.1", undefined, proxies)).toBe("10.0.0.1");
    // Garbage stops the walk at the hop that sent it.
    expect(resolveClientIp("10.0.0.1", "198.51.100.7, evil", proxies)).toBe("10.0.0.1");
  });

  it("normalises mapped IPv4 and refuses what is not an address", () => {
    expect(normalizeIp("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeIp("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeIp("ceo@example.com")).toBeNull();
    expect(normalizeIp("")).toBeNull();
  });

  it("refuses a TRUSTED_PROXY entry that is not an address or range, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/"proxy.local"/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10.0.0.0\/33/);
    expect(() => parseTrustedProxies("10.0.0.0/8/1")).toThrow();
    expect(() => parseTrustedProxies("::1/129")).toThrow();
    expect(() => parseTrustedProxies(" , ")).not.toThrow();
  });

  it("reaches the app as one header the server wrote, over a real socket", async () => {
    let seen: IncomingHttpHeaders = {};
    const server = createServer((req, res) => {
      stampClientIp(req, none);
      seen = req.headers;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          localAddress: "127.0.0.7",
          headers: {
            "x-forwarded-for": "198.51.100.1",
            [CLIENT_IP_HEADER]: "198.51.100.2",
            "x-real-ip": "198.51.100.3",
          },
        },
        (res) => res.resume().on("end", resolve),
      );
      req.on("error", reject);
      req.end();
    });
    server.close();
    expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.7");
    expect(seen["x-forwarded-for"]).toBe("127.0.0.7");
    expect(seen["x-real-ip"]).toBeUndefined();
  });
});
