// The guides' ```ts blocks, as a user's files: a block whose first line is `// name.ts` becomes
// that file (so `import … from "./shared.ts"` finds the block that defines it), and all the blocks of
// one guide type-check together against the package's entry points.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { typeCheckModules } from "../support/typecheck.ts";

const GUIDES = ["docs/guides/redis.md"];

for (const guide of GUIDES) {
  it(`every TypeScript block of ${guide} type-checks`, { timeout: 60_000 }, () => {
    const text = readFileSync(join(repoRoot, guide), "utf8");
    const modules = new Map<string, string>();
    for (const [i, match] of [...text.matchAll(/```ts\n([\s\S]*?)```/g)].entries()) {
      const name = /^\/\/ ([\w-]+)\.ts\n/.exec(match[1]!)?.[1] ?? `block-${i + 1}`;
      modules.set(name, match[1]!);
    }
    expect(modules.size).toBeGreaterThan(2);
    expect(typeCheckModules(modules)).toEqual([]);
  });
}
