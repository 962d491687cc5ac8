import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One Prism mock per API in redocly.yaml, started once for the whole run.
    globalSetup: ["tests/contract/prism-setup.ts"],
    testTimeout: 20_000,
  },
});
