// The topic guides' ```ts blocks (docs/guides/*.md, each published as a page of the docs), as a
// user's files: a block whose first line is `// name.ts` becomes that file (so `import … from
// "./shared.ts"` finds the block that defines it), any other is a module of its own, and all the
// blocks of one guide type-check together against the package's entry points. What a guide's
// blocks print or report is checked beside the guide's own feature (tests/testing/, tests/docs/).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { guides, GUIDE_SOURCE } from "../../scripts/lib/api-docs.ts";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { typeCheckModules } from "../support/typecheck.ts";

/** The fewest blocks each guide has, so that a block lost from a guide fails here. */
const MIN_BLOCKS: Record<string, number> = {
  "docs/guides/redis.md": 3,
  "docs/guides/response-validation.md": 2,
  "docs/guides/testing.md": 5,
};
// docs/guide.md shares names across its blocks and runs them against the mocks: readme-snippets.test.ts.
const topics = guides().filter((g) => g.source !== GUIDE_SOURCE);

it("every topic guide has its minimum of blocks named here", () => {
  expect(topics.map((g) => g.source).sort()).toEqual(Object.keys(MIN_BLOCKS).sort());
});

for (const { source } of topics) {
  it(`every TypeScript block of ${source} type-checks`, { timeout: 120_000 }, () => {
    const text = readFileSync(join(repoRoot, source), "utf8");
    const modules = new Map<string, string>();
    for (const [i, match] of [...text.matchAll(/```ts\n([\s\S]*?)```/g)].entries()) {
      const name = /^\/\/ ([\w-]+)\.ts\n/.exec(match[1]!)?.[1] ?? `block-${i + 1}`;
      modules.set(name, `${match[1]!}\nexport {};\n`);
    }
    expect(modules.size).toBeGreaterThanOrEqual(MIN_BLOCKS[source] ?? Infinity);
    expect(typeCheckModules(modules)).toEqual([]);
  });
}
