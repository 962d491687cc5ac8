// The testing guide's ```ts blocks (docs/guides/testing.md), as a user pastes them: each runs
// (offline: the kit needs no server), printing what the comments beside its `console.log` lines
// say. They type-check in tests/consumer/guide-snippets.test.ts, with every guide's.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { repoTempDir } from "../support/repo-temp.ts";

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const guide = readFileSync(join(repoRoot, "docs/guides/testing.md"), "utf8");
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
  name: `guide snippet ${i + 1} (line ${guide.slice(0, m.index).split("\n").length + 1})`,
  source: m[1]!,
}));
const dir = repoTempDir("guide");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a `console.log(…); // says` line promises: the comment up to its first colon or ellipsis. */
const promised = (source: string) =>
  [...source.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)].map((m) => m[1]!.split(/: | \{ …|…/)[0]!.trim());

it("has snippets", () => expect(blocks.length).toBeGreaterThanOrEqual(5));

for (const block of blocks) {
  it(`${block.name} runs and prints what its comments say`, async () => {
    const file = join(dir, `${block.name.replace(/\W+/g, "_")}.ts`);
    writeFileSync(file, `${block.source}\nexport {};\n`);
    const { stdout } = await run(process.execPath, [tsx, file], { cwd: repoRoot, timeout: 60_000 });
    for (const text of promised(block.source)) expect(stdout, block.name).toContain(text);
  }, 90_000);
}
