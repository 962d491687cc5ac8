// Takes a vendor's newly published spec and makes it ours: the vendor file, its lock and CHANGES.md,
// then everything `npm run generate` derives. Any error is printed with the file and the place, and
// leaves every file as it was.
//   npm run spec:update -- loops https://app.loops.so/openapi.json
//   npm run spec:update -- loops ./loops-openapi.yaml
//   npm run spec:update -- loops ./loops-openapi.yaml --no-generate   (skip the regeneration)
import { dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/apis.ts";
import { generateAll, writeTree } from "./lib/generate-tree.ts";
import { planUpdate, writeUpdate } from "./lib/spec-update/update-spec.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { config: { type: "string" }, "no-generate": { type: "boolean" } },
});
const [api, input] = positionals;
if (!api || !input || positionals.length > 2) {
  console.error("usage: npm run spec:update -- <api> <file-or-url> [--no-generate]");
  process.exit(2);
}
const configPath = values.config ?? join(repoRoot, "redocly.yaml");

try {
  const plan = await planUpdate({ api, input, configPath });
  const { written, restore } = writeUpdate(plan);
  for (const line of plan.summary) console.log(line);
  for (const file of written) console.log(`  updated ${relative(process.cwd(), file)}`);
  if (!values["no-generate"]) {
    try {
      const { files } = await generateAll({ configPath });
      for (const file of writeTree(dirname(configPath), files)) console.log(`  updated ${file}`);
    } catch (error) {
      restore();
      throw new Error(`regeneration failed, the vendor file, lock and CHANGES.md are restored:\n${String(error)}`);
    }
  }
} catch (error) {
  console.error(`spec:update: ${error instanceof Error ? error.message : String(error)}`);
  console.error("nothing was written");
  process.exitCode = 1;
}
