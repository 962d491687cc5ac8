import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// In the repository the package's own entries (`loop-api-clients/loops`, …) resolve to the sources,
// as tsconfig.json's `paths` say; installed, they resolve to dist/ through package.json's `exports`.
const paths: Record<string, [string]> = JSON.parse(readFileSync("tsconfig.json", "utf8")).compilerOptions.paths;
const alias = Object.entries(paths).map(([pattern, [target]]) => ({
  find: new RegExp(`^${pattern.replace("*", "(.+)")}$`),
  replacement: new URL(target.replace("*", "$1"), import.meta.url).pathname,
}));

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["tests/**/*.test.ts"],
    // One Prism mock per API in redocly.yaml, started once for the whole run.
    globalSetup: ["tests/contract/prism-setup.ts"],
    testTimeout: 20_000,
  },
});
