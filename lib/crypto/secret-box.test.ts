import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const a = seal("ZE!Zr0vKO-long-enough", key, "job1:7");
    const b = seal("ZE!Zr0vKO-long-enough", key, "job1:7");
    expect(a).not.toBe(b);
    expect(a).not.toContain("ZE!Zr0vKO");
    expect(open(a, key, "job1:7")).toBe("ZE!Zr0vKO-long-enough");
  });

  it("refuses another key, another row's context, and a tampered value", () => {
    const sealed = seal("pw-123456789", key, "job1:7");
    expect(() => open(sealed, randomBytes(32), "job1:7")).toThrow();
    expect(() => open(sealed, key, "job1:8")).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => open(tampered, key, "job1:7")).toThrow();
  });
});
