// The main job: for every API in redocly.yaml, lint → bundle → types → tables (→ docs), all in one
// process. Nothing is written unless every API succeeds, and unchanged files are not rewritten,
// so a failed run loses nothing and a second run changes no byte.
//   npm run generate                  regenerate generated/
//   npm run generate -- --out DIR     write the same tree under DIR instead
//   npm run generate -- --force       remake types and docs pages even where their inputs did not change
import { parseArgs } from "node:util";
import { generateAll, writeTree } from "./lib/generate-tree.ts";
import { repoRoot } from "./lib/apis.ts";
import { exportsMap, writeExports } from "./lib/package-exports.ts";

const { values } = parseArgs({
  options: { out: { type: "string" }, quiet: { type: "boolean" }, force: { type: "boolean" } },
});
const started = performance.now();
try {
  const { files, warnings, entries } = await generateAll({ reuse: !values.force });
  for (const line of warnings) console.warn(`warning: ${line}`);
  const root = values.out ?? repoRoot;
  const changed = writeTree(root, files);
  if (!values.out && writeExports(root, exportsMap(entries))) changed.push("package.json (exports)");
  if (!values.quiet) {
    const ms = Math.round(performance.now() - started);
    console.log(`generated ${files.size} files (${changed.length} changed) in ${ms} ms`);
    for (const file of changed) console.log(`  updated ${file}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
