// The testing kit is never in a client's bundle: every other entry of the package, bundled by
// esbuild as an app would, reaches no module of the kit, of its validators or of its spec tables.
import { build } from "esbuild";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { packageEntries, TESTING_ENTRY } from "../../scripts/lib/package-entries.ts";

const KIT = /^(src\/testing\/|src\/validation\/|generated\/[^/]+\/(examples|operation-schemas)\.ts$)/;

const entries = Object.entries(packageEntries()).filter(([name]) => name !== TESTING_ENTRY);

it.each(entries)("the %s entry bundles nothing of the testing kit", async (_name, source) => {
  const result = await build({
    entryPoints: [source],
    absWorkingDir: repoRoot,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    metafile: true,
    write: false,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.length).toBeGreaterThan(1);
  expect(inputs.filter((input) => KIT.test(input))).toEqual([]);
});

it("the testing entry does reach them (the check above can fail)", async () => {
  const result = await build({
    entryPoints: [packageEntries()[TESTING_ENTRY]!],
    absWorkingDir: repoRoot,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    metafile: true,
    write: false,
    logLevel: "error",
  });
  expect(Object.keys(result.metafile.inputs).filter((input) => KIT.test(input)).length).toBeGreaterThan(3);
});
