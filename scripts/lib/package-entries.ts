// The package's entry points, from the one list of APIs: `.` (src/index.ts), `runtime`, and per API
// its client (src/clients/<api>.ts) and, when it has webhooks, its receiver (<api>-webhooks.ts).
// The build (tsdown.config.ts) and the package.json `exports` map both derive from it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadApis, repoRoot } from "./apis.ts";

/** Entry name (the file name in dist/, and the subpath except for `index`) → source file. */
export function packageEntries(configPath?: string): Record<string, string> {
  const entries: Record<string, string> = { index: "src/index.ts", runtime: "src/runtime/index.ts" };
  for (const api of loadApis(configPath)) {
    for (const name of [api.name, `${api.name}-webhooks`]) {
      const source = `src/clients/${name}.ts`;
      if (existsSync(join(repoRoot, source))) entries[name] = source;
    }
  }
  return entries;
}
