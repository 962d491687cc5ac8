import { defineConfig } from "vitest/config";

// Three layers, all run by `npm test` (`vitest run`); one alone with `npx vitest run --project unit`.
//  - unit: the runtime and the client factories with an injected fetch or a loopback server; no
//    Prism. Its type tests (`*.test-d.ts`) run through vitest's typecheck.
//  - contract: every operation through the generated clients against Prism mocks.
//  - integration: the fault suite, examples, mocks, docs, generated-code staleness, specs, live mode.
// Prism (one mock per API in redocly.yaml) is started once per project that needs it.
const prism = ["tests/contract/prism-setup.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    coverage: {
      provider: "v8",
      include: ["src/runtime/**"],
      reporter: ["text-summary"],
      reportsDirectory: "test-results/coverage",
      thresholds: { lines: 95 },
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          testTimeout: 20_000,
          typecheck: { enabled: true, include: ["tests/unit/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
        },
      },
      {
        test: {
          name: "contract",
          include: ["tests/contract/**/*.test.ts"],
          testTimeout: 20_000,
          globalSetup: prism,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/unit/**", "tests/contract/**"],
          testTimeout: 20_000,
          globalSetup: prism,
        },
      },
    ],
  },
});
