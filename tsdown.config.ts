// The library build (`npm run build`, run by `npm pack`): every entry of the package as ESM (.mjs)
// and CommonJS (.cjs) with declarations beside them (.d.mts / .d.cts), platform-neutral; and the bin. The
// entries come from the one list of APIs: a client per API, and its webhook receiver if it has one.
import { defineConfig } from "tsdown";
import { neutralDeclarations } from "./scripts/lib/neutral-declarations.ts";
import { packageEntries } from "./scripts/lib/package-entries.ts";

export default defineConfig([
  {
    entry: packageEntries(),
    format: ["esm", "cjs"],
    platform: "neutral",
    target: "es2022",
    outDir: "dist",
    dts: true,
    // openapi-fetch (a devDependency) is bundled, types included, so that no declaration file but ours
    // enters the consumer's program (its own name DOM globals unconditionally); its license is in
    // LICENSE. The list fails the build if anything else from node_modules gets bundled.
    deps: { onlyBundle: ["openapi-fetch", "openapi-typescript-helpers"] },
    plugins: [neutralDeclarations()],
    clean: true,
    fixedExtension: true,
    hash: false,
    // Code shared by several entries goes to dist/chunks/, which the `exports` map does not expose.
    outputOptions: (options, format) => ({
      ...options,
      chunkFileNames: `chunks/[name].${format === "cjs" ? "cjs" : "mjs"}`,
    }),
  },
  // The `loop-api-clients` bin (`npx loop-api-clients mock`): Node.js only, ESM, and kept out of the
  // entries above. It imports the kit by the package's own name, so dist/testing.mjs is not copied.
  {
    entry: { "bin/loop-api-clients": "src/bin/loop-api-clients.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    outDir: "dist",
    dts: false,
    clean: false,
    fixedExtension: true,
    hash: false,
    deps: { neverBundle: [/^loop-api-clients(\/|$)/] },
  },
]);
