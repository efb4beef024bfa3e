import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// What goes into a build; a change to any of these makes `npm start` build again.
const inputs = [
  "app",
  "components",
  "lib",
  "public",
  "sandbox",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const stamp = ".next/source-fingerprint";

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) {
      if (name === "node_modules" || name.endsWith(".test.ts")) continue;
      walk(path.join(entry, name), hash);
    }
  } else {
    hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
}

export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of inputs) walk(input, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!existsSync(".next/BUILD_ID") || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === sourceFingerprint();
}

export function recordBuild(): void {
  writeFileSync(stamp, sourceFingerprint() + "\n");
}
