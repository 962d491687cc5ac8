// The testing kit is never in a client's bundle: every other entry of the package, bundled by
// esbuild as an app would, reaches no module of the kit, and loads its validators and spec tables
// only lazily (response validation's dynamic import(), when `validateResponses` is on): what an
// entry loads eagerly (its output and the chunks it imports statically) holds none of them.
import { build, type Metafile } from "esbuild";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { packageEntries, TESTING_ENTRY } from "../../scripts/lib/package-entries.ts";

const KIT = /^(src\/testing\/|src\/validation\/|generated\/[^/]+\/(examples|operation-schemas)\.ts$)/;

const KIT_ITSELF = /^src\/testing\//;

const entries = Object.entries(packageEntries()).filter(([name]) => name !== TESTING_ENTRY);

/** The modules of the outputs an entry loads eagerly: its own and those it imports statically. */
function eagerInputs(metafile: Metafile): string[] {
  const { outputs } = metafile;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  visit(Object.keys(outputs).find((file) => outputs[file]!.entryPoint)!);
  return [...seen].flatMap((file) => Object.keys(outputs[file]!.inputs));
}

it.each(entries)("the %s entry bundles nothing of the testing kit", async (_name, source) => {
  const result = await build({
    entryPoints: [source],
    absWorkingDir: repoRoot,
    bundle: true,
    splitting: true,
    outdir: "out",
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    metafile: true,
    write: false,
    logLevel: "error",
  });
  const eager = eagerInputs(result.metafile);
  expect(eager.length).toBeGreaterThan(1);
  expect(eager.filter((input) => KIT.test(input))).toEqual([]);
  expect(Object.keys(result.metafile.inputs).filter((input) => KIT_ITSELF.test(input))).toEqual([]);
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
