// One self-contained documentation page per API (Redocly's `build-docs`, Redoc bundle inlined) and an
// index linking them, for generated/docs/: a folder that can be opened from disk or hosted as-is.
//
// build-docs has no stable in-process entry, so each API is built by the CLI in its own child process.
// The builds start before lint/bundle/types and run alongside them (the CLI bundles the same alias,
// decorators included, from the same redocly.yaml); generateAll() collects them at the end.
//
// Viewing a page must fetch nothing from the network: the bundle is inlined (--inlineBundle), the
// page's telemetry is switched off (REDOCLY_TELEMETRY=off is baked into the page's options), and the
// only hard-coded CDN asset, Redoc's attribution logo, is replaced by an inline SVG. Anything else
// from a CDN or a font host fails generation (tests/docs checks the rendered pages in a browser).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ApiEntry } from "./apis.ts";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { htmlHeader } from "./header.ts";
import { operationRows, webhookRows } from "./operation-table.ts";

export const DOCS_DIR = "generated/docs";

const redoclyCli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");

/** Redoc's "API docs by Redocly" badge loads its logo from a CDN; the page shows this instead. */
const LOGO_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">` +
  `<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" fill="#0044d4">Redocly</text></svg>`;
const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;
const REPLACED_ASSETS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
/** Hosts a page must not reference after normalising (scripts, styles, fonts, images from a CDN). */
const FORBIDDEN = /https?:\/\/(?:cdn\.redoc\.ly|cdn\.redocly\.com\/redoc\/|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net)/;

export interface DocsBuild {
  /** Resolves to each API's raw build-docs HTML by API name; rejects if any build fails. */
  pages: Promise<Map<string, string>>;
  /** Stops builds still running (generation failed elsewhere). */
  cancel: () => void;
}

function buildOne(api: ApiEntry, configPath: string, outDir: string, signal: AbortSignal): Promise<string> {
  const output = join(outDir, `${api.name}.html`);
  const args = [redoclyCli, "build-docs", api.alias, "--config", configPath, "--output", output, "--inlineBundle"];
  return new Promise((resolvePage, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dirname(configPath),
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
      else reject(new Error(`redocly build-docs ${api.alias} exited with ${code}:\n${log.trim().split("\n").slice(-20).join("\n")}`));
    });
  });
}

/** Starts one build-docs process per API, all in parallel. */
export function startDocsBuild(apis: ApiEntry[], configPath: string): DocsBuild {
  const controller = new AbortController();
  const outDir = mkdtempSync(join(tmpdir(), "api-docs-"));
  const pages = Promise.all(apis.map((api) => buildOne(api, configPath, outDir, controller.signal)))
    .then((html) => new Map(apis.map((api, i) => [api.name, html[i]!])))
    .finally(() => rmSync(outDir, { recursive: true, force: true }));
  pages.catch(() => {}); // awaited by the caller, or abandoned after cancel(): never unhandled
  return { pages, cancel: () => controller.abort() };
}

/** The page as committed: header first, the CDN logo inlined, nothing left that a viewer would fetch. */
export function normaliseDocsPage(html: string, api: ApiEntry): string {
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
    throw new Error(`docs for ${api.alias} would fetch ${forbidden[0]}… when viewed; inline it in scripts/lib/api-docs.ts`);
  }
  return htmlHeader(api) + page.replace(/\s*$/, "\n");
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
export function docsFiles(apis: { api: ApiEntry; doc: OpenApiDocument }[], pages: Map<string, string>): Map<string, string> {
  const clash = apis.find(({ api }) => api.generatedDir === DOCS_DIR);
  if (clash) throw new Error(`an API named "${clash.api.name}" would share ${DOCS_DIR}/ with the docs; rename it`);
  const files = new Map<string, string>();
  files.set(`${DOCS_DIR}/index.html`, docsIndexPage(apis));
  for (const { api } of apis) {
    const html = pages.get(api.name);
    if (html === undefined) throw new Error(`no docs page was built for ${api.alias}`);
    files.set(`${DOCS_DIR}/${api.name}.html`, normaliseDocsPage(html, api));
  }
  return files;
}
