// The published docs (generated/docs/), opened in a real browser the way a static host serves them:
// Debian's Chromium driven by playwright-core, headless, against a local static server.
// For the index and every API page it checks that nothing is fetched from anywhere but the local
// server (requests to other hosts are recorded and aborted) and that the console stays free of
// errors; for each API page, that every tag and every operation and webhook of the bundled spec
// (generated/<api>/openapi.json) is rendered. A screenshot of each page goes to test-results/docs/.
//
// Without a Chromium (tests/support/chromium.ts) these tests are skipped with a line saying how to
// enable them, except under CI=true, where they fail (.ci/run installs Debian's chromium).
//   npx vitest run tests/docs
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it, type ExpectStatic } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { DOCS_DIR, guides } from "../../scripts/lib/api-docs.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { launchChromium, noBrowser, type Browser } from "../support/chromium.ts";
import { serveStatic, type StaticServer } from "../support/static-server.ts";

const SCREENSHOTS = join(repoRoot, "test-results", "docs");
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const apis = loadApis();

interface SpecOperation {
  section: "paths" | "webhooks";
  operationId: string;
  summary: string;
  tags: string[];
}

/** Every operation and webhook in a bundled spec, read independently of the generator's tables. */
function specOperations(spec: Record<string, any>): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const section of ["paths", "webhooks"] as const) {
    for (const item of Object.values<Record<string, any>>(spec[section] ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (op)
          ops.push({
            section,
            operationId: op.operationId,
            summary: op.summary ?? op.operationId,
            tags: op.tags ?? [],
          });
      }
    }
  }
  return ops;
}

/** Every tag (declared or used), as tag name → the label the docs show for it. */
function specTags(spec: Record<string, any>, ops: SpecOperation[]): Map<string, string> {
  const declared: { name: string; "x-displayName"?: string }[] = spec.tags ?? [];
  const labels = new Map(declared.map((t) => [t.name, t["x-displayName"] ?? t.name]));
  for (const op of ops) for (const tag of op.tags) if (!labels.has(tag)) labels.set(tag, tag);
  return labels;
}

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  if (noBrowser) return;
  console.log(`docs: opening every page of ${DOCS_DIR} in Chromium (the Loops reference takes the longest)`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serveStatic(join(repoRoot, DOCS_DIR));
  browser = await launchChromium();
  context = browser.context;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** Requests that were going anywhere but the local server (and were aborted). */
  escaped: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

async function open(path: string): Promise<Visit> {
  const page = await context.newPage();
  const visit: Visit = { page, requests: [], escaped: [], errors: [] };
  page.on("request", (request) => visit.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") visit.errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => visit.errors.push(`uncaught: ${error.message}`));
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === server.origin) return route.continue();
    visit.escaped.push(url);
    return route.abort("blockedbyclient");
  });
  await page.goto(`${server.origin}/${path}`, { waitUntil: "load" });
  return visit;
}

async function finish(visit: Visit, name: string, expect: ExpectStatic) {
  await visit.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await visit.page.close();
  const local = (url: string) => url.startsWith(`${server.origin}/`) || /^(data|blob):/.test(url);
  expect(visit.escaped, "requests that left localhost").toEqual([]);
  expect(
    visit.requests.filter((url) => !local(url)),
    "requests that left localhost",
  ).toEqual([]);
  expect(visit.errors, "console errors").toEqual([]);
}

describe.skipIf(noBrowser).concurrent("generated/docs in Chromium", () => {
  it("index.html: the package, Install, a quick start per API, Runtimes, and every API with working links", async ({
    expect,
  }) => {
    const visit = await open("index.html");
    const { page } = visit;
    const headings = await page.locator("h2").allTextContents();
    expect(headings).toEqual(expect.arrayContaining(["The APIs", "Guide", "Install", "Quick start", "Runtimes"]));
    for (const api of apis) {
      const spec = readBundledSpec(api);
      const ops = specOperations(spec);
      const row = page.locator(`tr[data-api="${api.name}"]`);
      await expect.poll(() => row.count()).toBe(1);
      const link = row.locator("td").first().locator("a");
      expect(await link.getAttribute("href")).toBe(`${api.name}.html`);
      expect(await link.textContent()).toBe(spec.info.title);
      const cells = await row.locator("td").allTextContents();
      expect(cells[1]).toBe(`loop-api-clients/${api.name}`);
      expect(cells[2]).toBe(spec.info.version);
      expect(Number(cells[3]), "operations").toBe(ops.filter((op) => op.section === "paths").length);
      expect(Number(cells[4]), "webhooks").toBe(ops.filter((op) => op.section === "webhooks").length);
      const quickStart = await page.locator(`pre[data-quick-start="${api.name}"]`).textContent();
      expect(quickStart).toContain(`from "loop-api-clients/${api.name}"`);
      expect(quickStart).toContain(`${api.client.factory}(`);
      const changes = row.locator("[data-changes]");
      expect(await changes.count(), `${api.name} changes link`).toBe(
        existsSync(join(repoRoot, "specs", api.name, "CHANGES.md")) ? 1 : 0,
      );
    }
    // Every link of the page leads to a page that is served.
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const local = [...new Set(hrefs.filter((href) => !/^(https?:|#|mailto:)/.test(href)))];
    expect(local.length).toBeGreaterThanOrEqual(apis.length);
    for (const href of local) {
      const response = await page.request.get(`${server.origin}/${href}`);
      expect(response.status(), href).toBe(200);
    }
    await finish(visit, "index", expect);
  });

  for (const { source, page } of guides()) {
    it(`${page}: every section of ${source}, its links to other guides, and a way back to the index`, async ({
      expect,
    }) => {
      const visit = await open(page);
      const guide = readFileSync(join(repoRoot, source), "utf8");
      const sections = [...guide.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.replace(/`/g, ""));
      expect(sections.length).toBeGreaterThan(2);
      expect(await visit.page.locator("h2").allTextContents()).toEqual(sections);
      expect(await visit.page.locator('a[href="index.html"]').count()).toBeGreaterThan(0);
      expect(await visit.page.locator("pre code").count()).toBe([...guide.matchAll(/^```/gm)].length / 2);
      // A link to another guide, as GitHub reads it, opens that guide's page here.
      const pages = new Set(guides().map((g) => g.page));
      for (const href of await visit.page
        .locator("a[href]")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")!)))
        expect(/\.md(#|$)/.test(href) && !/^https?:/.test(href), `${page} links ${href}`).toBe(false);
      for (const href of await visit.page
        .locator('a[href^="guide"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")!)))
        expect(pages.has(href.split("#")[0]!), href).toBe(true);
      await finish(visit, page.replace(/\.html$/, ""), expect);
    });
  }

  it("every page opens from disk (file://) and renders with no network at all", async ({ expect }) => {
    for (const name of [
      "index",
      ...guides().map((g) => g.page.replace(/\.html$/, "")),
      ...apis.map((api) => api.name),
    ]) {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("request", (request) => requests.push(request.url()));
      await page.goto(`file://${join(repoRoot, DOCS_DIR, `${name}.html`)}`, { waitUntil: "load" });
      if (apis.some((api) => api.name === name))
        await page.locator('[data-component-name="Menu/MenuItem"]').first().waitFor();
      expect(errors, name).toEqual([]);
      expect(
        requests.filter((url) => !/^(file|data|blob):/.test(url)),
        name,
      ).toEqual([]);
      await page.close();
    }
  }, 60_000);

  for (const api of apis) {
    it(`${api.name}.html renders every tag, operation and webhook of generated/${api.name}/openapi.json`, async ({
      expect,
    }) => {
      const spec = readBundledSpec(api);
      const ops = specOperations(spec);
      const tags = specTags(spec, ops);
      const visit = await open(`${api.name}.html`);
      const { page } = visit;

      expect(await page.title()).toBe(`${spec.info.title} ${spec.info.version}: API reference`);
      // Wait for Redoc to render the menu.
      await page.locator('[data-component-name="Menu/MenuItem"]').first().waitFor();

      // Every tag is a group in the menu, with a link to its hash route.
      const groups = page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group');
      const groupLinks = await groups.evaluateAll((items) =>
        items.map((item) => {
          const a = item.querySelector("a");
          return {
            label:
              a?.querySelector('[data-testid="menu-item-label"]')?.textContent?.trim() ?? a?.textContent?.trim() ?? "",
            href: a?.getAttribute("href") ?? "",
          };
        }),
      );
      expect(groupLinks.map((g) => g.label).sort()).toEqual([...tags.values()].sort());
      for (const group of groupLinks) expect(group.href, `menu link for ${group.label}`).toMatch(/^#\//);

      // Opening a tag in the menu lists its operations; following each one renders the operation in
      // full (a section whose heading is the summary). Redoc renders sections lazily, so each is
      // opened in turn, the way a reader would, and its heading recorded.
      const rendered = new Map<string, string>(); // lowercased operationId → heading text
      const withSample = new Set<string>(); // lowercased operationIds whose TypeScript sample is shown
      // Each sample calls the API's client factory, or its webhook receiver.
      const markers = [api.client.factory, api.client.webhooks?.receiver].filter(Boolean) as string[];
      for (const [index, [tag, label]] of [...tags].entries()) {
        const group = groupLinks.findIndex((g) => g.label === label);
        const slug = groupLinks[group]!.href.slice(1); // "#/contacts" → "/contacts"
        await groups.nth(group).locator("a").first().click();
        await expect
          .poll(() => page.evaluate(() => location.hash), { message: `navigates to ${label}` })
          .toBe(`#${slug}`);
        const found = await page.evaluate(renderEachOperation, { index: group, markers });
        for (const { id, heading, sample } of found) {
          expect(id, `menu entry under ${label}`).toMatch(new RegExp(`^${slug}/`));
          rendered.set(id.slice(slug.length + 1), heading ?? "(not rendered)");
          if (sample) withSample.add(id.slice(slug.length + 1));
        }
        const want = ops.filter((op) => op.tags.includes(tag)).map((op) => op.operationId.toLowerCase());
        expect(
          found.map((f) => f.id.slice(slug.length + 1)).sort(),
          `operations under ${label} (${index + 1}/${tags.size})`,
        ).toEqual(want.sort());
      }

      const missing = ops.filter((op) => !rendered.has(op.operationId.toLowerCase())).map((op) => op.operationId);
      expect(missing, "operations not rendered").toEqual([]);
      for (const op of ops) {
        expect(rendered.get(op.operationId.toLowerCase()), `heading of ${op.operationId}`).toContain(op.summary);
      }
      expect(rendered.size, "rendered operations").toBe(new Set(ops.map((op) => op.operationId.toLowerCase())).size);
      expect(
        ops.map((op) => op.operationId).filter((id) => !withSample.has(id.toLowerCase())),
        "operations whose TypeScript sample is not shown",
      ).toEqual([]);

      await page.evaluate(() => window.scrollTo(0, 0));
      await finish(visit, api.name, expect);
    }, 120_000);
  }
});

/**
 * Runs in the page: with menu group `index` expanded, follows each of its operation links and waits
 * for the operation's section to render; returns each link's route, the section's heading (null if
 * it never rendered) and whether the section shows a code sample (text naming one of `markers`).
 */
async function renderEachOperation({
  index,
  markers,
}: {
  index: number;
  markers: string[];
}): Promise<{ id: string; heading: string | null; sample: boolean }[]> {
  const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  const group = document.querySelectorAll('[data-component-name="Menu/MenuItem"].menu-item-type-group')[index]!;
  for (let i = 0; i < 300 && !group.querySelector(".menu-item-type-operation"); i++) await frame();
  const out: { id: string; heading: string | null; sample: boolean }[] = [];
  for (const link of group.querySelectorAll<HTMLAnchorElement>(".menu-item-type-operation a")) {
    const id = (link.getAttribute("href") ?? "").replace(/^#/, "");
    link.click();
    let heading: Element | null = null;
    for (
      let i = 0;
      i < 600 && !(heading = document.querySelector(`[data-item-kind="httpItem"][data-section-id="${id}"] h2`));
      i++
    ) {
      await frame();
    }
    const section = heading?.closest("[data-section-id]");
    const text = section?.textContent ?? "";
    out.push({ id, heading: heading?.textContent ?? null, sample: markers.some((m) => text.includes(`${m}(`)) });
  }
  return out;
}
