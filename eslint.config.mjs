import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "lib/testing/**"];
const rule = (...groups) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: groups.map(([group, message]) => ({ group, message })),
    },
  ],
});
const NO_APP = [["@/app/**", "**/app/**"], "Only app/ imports app/: move the code to lib/."];
const NO_COMPONENTS = [["@/components/**"], "lib/ never imports components/."];
const NO_SANDBOX = [["@/sandbox/**", "**/sandbox/**"], "The console never imports the sandbox."];
const NO_TESTING = [["@/lib/testing/**"], "Test scaffolding is for tests only."];
const NO_CONSOLE = [
  ["@/lib/**", "@/app/**", "@/components/**", "**/lib/**"],
  "The sandbox never imports the console: it stands for a provider.",
];

function boundaries() {
  return [
    {
      files: ["lib/**"],
      ignores: TESTS,
      rules: rule(NO_APP, NO_COMPONENTS, NO_SANDBOX, NO_TESTING),
    },
    { files: ["components/**"], ignores: TESTS, rules: rule(NO_APP, NO_SANDBOX, NO_TESTING) },
    { files: ["app/**"], ignores: TESTS, rules: rule(NO_SANDBOX, NO_TESTING) },
    { files: ["sandbox/**"], rules: rule(NO_CONSOLE) },
  ];
}

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
  ]),
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  // Dependencies point one way: app/ → components/ → lib/; sandbox/ and the console never import
  // each other (scripts/ and tests join them); test scaffolding stays out of production code.
  ...boundaries(),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
]);
