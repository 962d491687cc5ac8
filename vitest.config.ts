import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// In the repository the package's own entries (`loop-api-clients/loops`, …) resolve to the sources,
// as tsconfig.json's `paths` say; installed, they resolve to dist/ through package.json's `exports`.
const paths: Record<string, [string]> = JSON.parse(readFileSync("tsconfig.json", "utf8")).compilerOptions.paths;
const alias = Object.entries(paths).map(([pattern, [target]]) => ({
  find: new RegExp(`^${pattern.replace("*", "(.+)")}$`),
  replacement: new URL(target.replace("*", "$1"), import.meta.url).pathname,
}));

// Four projects, all run by `npm test` (`vitest run --coverage`); `npm run test:quick` runs the first
// three, one alone with `npx vitest run --project unit`.
//  - unit: the runtime and the client factories with an injected fetch or a loopback server; no
//    Prism. Its type tests (`*.test-d.ts`) run through vitest's typecheck.
//  - contract: every operation through the generated clients against Prism mocks.
//  - integration: the fault suite, mocks, docs samples, generated-code staleness, specs, live mode.
//  - slow: what builds, installs or opens something big: the packed tarball in every runtime, the
//    docs in Chromium, adding an API in a copy of the repository, spec updates, the examples.
// Prism (one mock per API in redocly.yaml) starts once per run, for every project that needs it.
// Each project extends this file (the aliases, the timeout).
const prism = ["tests/contract/prism-setup.ts"];
const slow = [
  "tests/package/consumer-matrix.test.ts",
  "tests/docs/docs.browser.test.ts",
  "tests/docs/mock-command.test.ts",
  "tests/adding-an-api/**/*.test.ts",
  "tests/spec-update/**/*.test.ts",
  "tests/examples/**/*.test.ts",
];

export default defineConfig({
  resolve: { alias },
  test: {
    // A backstop against a hang, never a verdict: on a busy shared machine a test that spawns a
    // compiler or a child process can take many times its quiet-machine time.
    testTimeout: 120_000,
    // vitest's default, one file per core but one, runs files one at a time on 2 cores. Most of the
    // long files wait on child processes (tsc, Chromium, npm, Prism, the runtimes), so files run
    // side by side: two more than the cores.
    maxWorkers: availableParallelism() + 2,
    hookTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["src/runtime/**/*.ts"],
      reporter: ["text-summary"],
      reportsDirectory: "test-results/coverage",
      thresholds: { lines: 95 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          typecheck: { enabled: true, include: ["tests/unit/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
        },
      },
      {
        extends: true,
        test: { name: "contract", include: ["tests/contract/**/*.test.ts"], globalSetup: prism },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/unit/**", "tests/contract/**", ...slow],
          globalSetup: prism,
        },
      },
      {
        extends: true,
        test: { name: "slow", include: slow, globalSetup: prism },
      },
    ],
  },
});
