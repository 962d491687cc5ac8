// A temporary folder inside the repository (under .tmp/, which git ignores): files there resolve
// the repository's node_modules and tsconfig.json `paths`, as the user code they stand for would.
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/apis.ts";

export function repoTempDir(prefix: string): string {
  const parent = join(repoRoot, ".tmp");
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${prefix}-`));
}
