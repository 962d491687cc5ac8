// The published docs folder stays light: the renderer once, beside the pages, and nothing else.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { DOCS_DIR, guides, RENDERER } from "../../scripts/lib/api-docs.ts";

const dir = join(repoRoot, DOCS_DIR);
const files = readdirSync(dir).sort();
/** The renderer's own first line: a page that holds it has inlined the renderer. */
const rendererHead = readFileSync(join(dir, RENDERER), "utf8").split("\n").find((l) => l.length > 200)!;

it("holds the landing page, a page per guide, a page per API (and its changes page), and one renderer", () => {
  const apis = loadApis();
  // A changes page for every API whose spec has a CHANGES.md (written by `npm run spec:update`).
  const changes = apis
    .filter((a) => existsSync(join(repoRoot, "specs", a.name, "CHANGES.md")))
    .map((a) => `${a.name}-changes.html`);
  expect(files).toEqual(
    ["index.html", ...guides().map((g) => g.page), RENDERER, ...apis.map((a) => `${a.name}.html`), ...changes].sort(),
  );
  expect(guides().map((g) => g.page)).toEqual(
    expect.arrayContaining(["guide.html", "guide-testing.html", "guide-redis.html", "guide-response-validation.html"]),
  );
});

// 2.33 MB of it is the renderer, once. The pages grew with content (the four guide pages, Loops' four
// added operations and its 401 and 429 on every operation): 2.98 MB before the guides, 3.01 MB after.
it("weighs at most 3.2 MB (3.2 × 10^6 bytes) in all", () => {
  const total = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  expect(total).toBeLessThanOrEqual(3_200_000);
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
