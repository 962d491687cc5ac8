// One self-contained documentation page per API (Redocly's `build-docs`, Redoc bundle inlined) and an
// index linking them, for generated/docs/: a folder that can be opened from disk or hosted as-is.
//
// build-docs has no stable in-process entry, so each page is built by the CLI in its own child process,
// from the bundle generateAll() already made, started as soon as that API is bundled so the builds run
// alongside the next APIs' lint/bundle/types. A page whose inputs did not change is not rebuilt.
//
// Viewing a page must fetch nothing from the network: the bundle is inlined (--inlineBundle), the
// page's telemetry is switched off (REDOCLY_TELEMETRY=off is baked into the page's options), and the
// only hard-coded CDN asset, Redoc's attribution logo, is replaced by an inline SVG. Anything else
// from a CDN or a font host fails generation (tests/docs checks the rendered pages in a browser).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiEntry } from "./apis.ts";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { htmlHeader } from "./header.ts";
import { operationRows, webhookRows } from "./operation-table.ts";
import { reusable, sha256, stamped, type Previous } from "./reuse.ts";

export const DOCS_DIR = "generated/docs";

const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

/** Redoc's "API docs by Redocly" badge loads its logo from a CDN; the page shows this instead. */
const LOGO_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">` +
  `<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" fill="#0044d4">Redocly</text></svg>`;
const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;
const REPLACED_ASSETS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
/** Hosts a page must not reference after normalising (scripts, styles, fonts, images from a CDN). */
const FORBIDDEN =
  /https?:\/\/(?:cdn\.redoc\.ly|cdn\.redocly\.com\/redoc\/|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net)/;

/** Builds one page from an already bundled spec (decorators applied) and returns build-docs' raw HTML. */
function buildPage(api: ApiEntry, bundled: string, signal: AbortSignal): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "api-docs-"));
  const input = join(dir, `${api.name}.json`);
  const output = join(dir, `${api.name}.html`);
  writeFileSync(input, bundled);
  const args = [redoclyCli, "build-docs", input, "--output", output, "--inlineBundle"];
  return new Promise<string>((resolvePage, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dir,
      // Telemetry off is also what the page's own options say (disableTelemetry: true), so it is part
      // of the output, not just of this run: fixed here, whatever the caller's environment.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      // Offline CI must not hang on a build that waits for the network: give up after two minutes.
      signal: AbortSignal.any([signal, AbortSignal.timeout(120_000)]),
    });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePage(readFileSync(output, "utf8"));
      else
        reject(
          new Error(
            `redocly build-docs ${api.alias} exited with ${code}:\n${log.trim().split("\n").slice(-20).join("\n")}`,
          ),
        );
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

// What a page is made from: the bundled spec, the CLI that renders it and this module's post-processing.
const toolchain =
  readFileSync(createRequire(import.meta.url).resolve("@redocly/cli/package.json"), "utf8") +
  readFileSync(new URL(import.meta.url), "utf8");

export interface DocsBuilder {
  /** Starts (or reuses) the page of one API as soon as its bundle is ready. */
  add: (api: ApiEntry, bundled: string) => void;
  /** Every page added so far, as committed; rejects if any build failed. */
  pages: () => Promise<Map<string, string>>;
  /** Stops builds still running (generation failed elsewhere). */
  cancel: () => void;
}

/** Pages are rebuilt only when what they are made from changed (see reuse.ts). */
export function docsBuilder(previous: Previous): DocsBuilder {
  const controller = new AbortController();
  const pending = new Map<string, Promise<string>>();
  return {
    add(api, bundled) {
      const inputs = sha256(toolchain, bundled);
      const path = `${DOCS_DIR}/${api.name}.html`;
      const old = reusable(previous, path, inputs);
      const page =
        old !== undefined
          ? Promise.resolve(old)
          : buildPage(api, bundled, controller.signal).then((html) => normaliseDocsPage(html, api, inputs));
      page.catch(() => {}); // awaited by pages(), or abandoned after cancel(): never unhandled
      pending.set(path, page);
    },
    async pages() {
      const paths = [...pending.keys()];
      const pages = await Promise.all(pending.values());
      return new Map(paths.map((path, i) => [path, pages[i]!]));
    },
    cancel: () => controller.abort(),
  };
}

/** The page as committed: header first, the CDN logo inlined, nothing left that a viewer would fetch. */
export function normaliseDocsPage(html: string, api: ApiEntry, inputs: string): string {
  let page = html;
  for (const asset of REPLACED_ASSETS) page = page.split(asset).join(LOGO_DATA_URI);
  // The prerendered menu links are server-style paths (`/contacts`) while the page routes by hash
  // (`#/contacts`), and hydration keeps the server's hrefs: a link opened in a new tab or copied
  // would 404 on a static host. Point them at the hash routes the page itself uses.
  const bundleAt = page.indexOf('<script type="module">');
  const scriptAt = bundleAt === -1 ? page.length : bundleAt;
  page =
    page.slice(0, scriptAt).replace(/ href="\/([^"]*)" data-discover="true"/g, ' href="#/$1" data-discover="true"') +
    page.slice(scriptAt);
  const forbidden = FORBIDDEN.exec(page);
  if (forbidden) {
    throw new Error(
      `docs for ${api.alias} would fetch ${forbidden[0]}… when viewed; inline it in scripts/lib/api-docs.ts`,
    );
  }
  return stamped(htmlHeader(api), ["<!-- ", " -->"], inputs, page.replace(/\s*$/, "\n"));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function docsIndexPage(apis: { api: ApiEntry; doc: OpenApiDocument }[]): string {
  const rows = apis.map(({ api, doc }) => {
    const operations = operationRows(doc).length;
    const webhooks = webhookRows(doc).length;
    return `      <tr data-api="${escapeHtml(api.name)}">
        <td><a href="${escapeHtml(api.name)}.html">${escapeHtml(doc.info.title)}</a></td>
        <td>${escapeHtml(doc.info.version)}</td>
        <td class="count" data-operations="${operations}">${operations}</td>
        <td class="count" data-webhooks="${webhooks}">${webhooks}</td>
      </tr>`;
  });
  return `${htmlHeader({ root: "redocly.yaml" })}<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API documentation</title>
  <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1a1a1a; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid #ddd; }
    td.count, th.count { text-align: right; }
    a { color: #0044d4; }
  </style>
</head>
<body>
  <h1>API documentation</h1>
  <p>One page per API, generated from the bundled specs. Each page is self-contained and works offline.</p>
  <table>
    <thead>
      <tr><th>API</th><th>Version</th><th class="count">Operations</th><th class="count">Webhooks</th></tr>
    </thead>
    <tbody>
${rows.join("\n")}
    </tbody>
  </table>
</body>
</html>
`;
}

/** generated/docs/: the index and one page per API, in redocly.yaml order. */
export function docsFiles(
  apis: { api: ApiEntry; doc: OpenApiDocument }[],
  pages: Map<string, string>,
): Map<string, string> {
  const clash = apis.find(({ api }) => api.generatedDir === DOCS_DIR);
  if (clash) throw new Error(`an API named "${clash.api.name}" would share ${DOCS_DIR}/ with the docs; rename it`);
  const files = new Map<string, string>([[`${DOCS_DIR}/index.html`, docsIndexPage(apis)]]);
  for (const { api } of apis) {
    const page = pages.get(`${DOCS_DIR}/${api.name}.html`);
    if (page === undefined) throw new Error(`no docs page was built for ${api.alias}`);
    files.set(`${DOCS_DIR}/${api.name}.html`, page);
  }
  return files;
}
