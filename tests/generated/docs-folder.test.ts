// The published docs folder stays light: the renderer once, beside the pages, and nothing else.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { DOCS_DIR, RENDERER } from "../../scripts/lib/api-docs.ts";

const dir = join(repoRoot, DOCS_DIR);
const files = readdirSync(dir).sort();
/** The renderer's own first line: a page that holds it has inlined the renderer. */
const rendererHead = readFileSync(join(dir, RENDERER), "utf8").split("\n").find((l) => l.length > 200)!;

it("holds the landing page, the guide, a page per API (and its changes page), and one renderer", () => {
  const apis = loadApis();
  // A changes page for every API whose spec has a CHANGES.md (written by `npm run spec:update`).
  const changes = apis
    .filter((a) => existsSync(join(repoRoot, "specs", a.name, "CHANGES.md")))
    .map((a) => `${a.name}-changes.html`);
  expect(files).toEqual(["index.html", "guide.html", RENDERER, ...apis.map((a) => `${a.name}.html`), ...changes].sort());
});

it("weighs at most 3 MB (3 × 10^6 bytes) in all", () => {
  const total = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  expect(total).toBeLessThanOrEqual(3_000_000);
});

it("no page inlines the renderer; every API page loads the local file", () => {
  for (const page of files.filter((f) => f.endsWith(".html"))) {
    const html = readFileSync(join(dir, page), "utf8");
    expect(html.includes(rendererHead.slice(0, 200)), page).toBe(false);
    expect(html.length, page).toBeLessThan(400_000);
  }
  for (const api of loadApis())
    expect(readFileSync(join(dir, `${api.name}.html`), "utf8")).toContain(`<script src="${RENDERER}"></script>`);
});
