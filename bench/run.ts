/**
 * `npm run bench`: every benchmark, printed and saved to bench/results/latest.txt (numbers for
 * the README). Benchmarks measure; they do not pass or fail.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { benchJobs } from "./jobs";
import { benchUi } from "./ui";

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

const lines: string[] = [
  `# bench ${new Date().toISOString()} (${process.platform}, node ${process.version})`,
];
if (want("ui")) lines.push(...(await benchUi()));
if (want("jobs")) lines.push(...(await benchJobs()));
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.txt", lines.join("\n") + "\n");
console.log(`\nSaved to bench/results/latest.txt`);
process.exit(0);
