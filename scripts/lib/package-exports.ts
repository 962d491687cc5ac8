// The package.json `exports` map, derived from the package's entries (so from the one list of APIs):
// `types` first in every condition, ESM under `import`, CommonJS under `require`. `npm run generate`
// writes it into package.json; the staleness test fails when the committed map differs.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { packageEntries } from "./package-entries.ts";

type Target = { types: string; default: string };
export type ExportsMap = Record<string, { import: Target; require: Target } | string>;

export function exportsMap(entries: Record<string, string> = packageEntries()): ExportsMap {
  const map: ExportsMap = {};
  for (const name of Object.keys(entries)) {
    map[name === "index" ? "." : `./${name}`] = {
      import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}.mjs` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    };
  }
  map["./package.json"] = "./package.json";
  return map;
}

/** Rewrites package.json's `exports` when it differs; returns whether it did. */
export function writeExports(root = repoRoot, map = exportsMap()): boolean {
  const file = join(root, "package.json");
  const text = readFileSync(file, "utf8");
  const pkg = JSON.parse(text) as Record<string, unknown>;
  if (JSON.stringify(pkg.exports) === JSON.stringify(map)) return false;
  pkg.exports = map;
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return true;
}
