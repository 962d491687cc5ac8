// generated/docs/: the published API reference, a folder that opens from disk or a static host and
// fetches nothing from the network:
//   index.html            the landing page (the package, Install, quick starts, Runtimes, the APIs)
//   <api>.html            one Redoc page per API, its spec inlined, a TypeScript sample on every operation
//   <api>-changes.html    what changed in the vendor's spec, where specs/<api>/CHANGES.md exists
//   guide.html            the guide (docs/guide.md): errors, retries, rate limits, pagination,
//                         webhooks, secrets, testing
//   guide-<name>.html     each guide of docs/guides/ (testing with the kit, response validation, Redis)
//   redoc.standalone.js   the renderer, once for all pages
//
// The renderer is the Redoc build that @redocly/cli ships (the `redoc` package of that version does
// not install from the registry), turned by esbuild from an ES module into a classic script, since
// a browser refuses module scripts from file:// pages. Its two CDN logo references are inlined.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { transformSync } from "esbuild";
import { marked } from "marked";
import { repoRoot, type ApiEntry } from "./apis.ts";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { type CodeSample, codeSamples, quickStart, withCodeSamples } from "./code-samples.ts";
import { headerText, htmlHeader } from "./header.ts";
import { operationRows, webhookRows } from "./operation-table.ts";
import { reusable, sha256, stamped, type Previous } from "./reuse.ts";

export const DOCS_DIR = "generated/docs";
export const RENDERER = "redoc.standalone.js";
/** The guide's source, written by people; its page sits beside the references. */
export const GUIDE_SOURCE = "docs/guide.md";
/** The topic guides, written by people: docs/guides/<name>.md is published as guide-<name>.html. */
export const GUIDES_DIR = "docs/guides";

/** Every guide of the docs: its source (repository path) and its page in generated/docs/. */
export function guides(): { source: string; page: string }[] {
  const topics = readdirSync(join(repoRoot, GUIDES_DIR))
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => ({ source: `${GUIDES_DIR}/${file}`, page: `guide-${file.slice(0, -3)}.html` }));
  return [{ source: GUIDE_SOURCE, page: "guide.html" }, ...topics];
}

type Guide = { source: string; page: string; text: string; title: string };

/** Each guide with its text and its title (its `# ` heading), read once per run. */
function readGuides(): Guide[] {
  return guides().map(({ source, page }) => {
    const text = readFileSync(join(repoRoot, source), "utf8");
    return { source, page, text, title: /^# (.+)$/m.exec(text)?.[1] ?? page };
  });
}

/**
 * A guide's links to another guide (`docs/guides/redis.md`, `guides/redis.md`, `../guide.md#errors`,
 * as they read on GitHub) point at that guide's page; other links are left as they are.
 */
function linkGuides(html: string, all: Guide[]): string {
  const pages = new Map(all.map((g) => [g.source.split("/").pop()!, g.page]));
  return html.replace(
    /href="((?:\.\.\/|docs\/)?(?:guides\/)?)([\w-]+\.md)(#[^"]*)?"/g,
    (link, _dir, file: string, hash = "") => {
      const page = pages.get(file);
      return page ? `href="${page}${hash}"` : link;
    },
  );
}

const cliDir = dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json"));
const REDOC_SOURCE = join(cliDir, "lib", "chunks", RENDERER);

/** Redoc's "API docs by Redocly" badge loads its logo from a CDN; the pages show this instead. */
const LOGO_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" width="58" height="14" viewBox="0 0 58 14">` +
  `<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" fill="#0044d4">Redocly</text></svg>`;
const LOGO_DATA_URI = `data:image/svg+xml,${encodeURIComponent(LOGO_SVG)}`;
const REPLACED_ASSETS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
/** Hosts a page must not reference (scripts, styles, fonts, images from a CDN). */
const FORBIDDEN =
  /https?:\/\/(?:cdn\.redoc\.ly|cdn\.redocly\.com\/redoc\/|fonts\.googleapis\.com|fonts\.gstatic\.com|unpkg\.com|cdn\.jsdelivr\.net)/;

/** What every file here is made from besides its own inputs: this module and the renderer (read once per run). */
const toolchain = () => sha256(readFileSync(new URL(import.meta.url), "utf8"), readFileSync(REDOC_SOURCE, "utf8"));

function offline(file: string, text: string): string {
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden)
    throw new Error(`${file} would fetch ${forbidden[0]}… when viewed; inline it in scripts/lib/api-docs.ts`);
  return text;
}

/** The renderer as a classic script defining `Redoc` (reused while the CLI's build is unchanged). */
function renderer(tools: string, previous: Previous): string {
  const path = `${DOCS_DIR}/${RENDERER}`;
  const old = reusable(previous, path, tools);
  if (old !== undefined) return old;
  let code = readFileSync(REDOC_SOURCE, "utf8");
  for (const asset of REPLACED_ASSETS) code = code.split(asset).join(LOGO_DATA_URI);
  const { code: script } = transformSync(code, {
    format: "iife",
    globalName: "Redoc",
    minify: true,
    legalComments: "inline",
    logLevel: "error",
  });
  return stamped(`/* ${headerText({ root: "@redocly/cli" })} */\n`, ["/* ", " */"], tools, offline(path, script));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028|\u2029/g, "");

const STYLE = `body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
    table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
    th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
    td.count, th.count { text-align: right; }
    pre { background: #f6f8fa; padding: .75rem 1rem; overflow-x: auto; border-radius: 6px; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
    a { color: #0044d4; }`;

function page(header: string, title: string, body: string, head = ""): string {
  return `${header}<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/** One API's Redoc page: the spec, with a code sample on every operation, rendered by the shared script. */
function apiPage(
  api: ApiEntry,
  doc: OpenApiDocument,
  samples: CodeSample[],
  tools: string,
  previous: Previous,
): string {
  const path = `${DOCS_DIR}/${api.name}.html`;
  const spec = withCodeSamples(doc, samples);
  const inputs = sha256(tools, JSON.stringify(spec));
  const old = reusable(previous, path, inputs);
  if (old !== undefined) return old;
  // Redoc CE shows an `x-codeSamples` entry only for a language listed here (and generates none);
  // an entry and a sample match by label, lower-cased.
  const options = {
    disableTelemetry: true,
    codeSamples: { languages: [{ lang: "TypeScript", label: "TypeScript" }, { lang: "Payload" }] },
  };
  const body = `  <div id="redoc"></div>
  <script src="${RENDERER}"></script>
  <script>
    Redoc.init(${scriptJson(spec)}, ${scriptJson(options)}, document.getElementById("redoc"));
  </script>`;
  const html = page(
    "",
    `${doc.info.title} ${doc.info.version}: API reference`,
    body,
    "  <style>body { margin: 0; }</style>\n",
  );
  return stamped(htmlHeader(api), ["<!-- ", " -->"], inputs, offline(path, html));
}

/** A README section (`## Name` up to the next `## `), as markdown. */
function readmeSection(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${heading}" section for the docs' landing page`);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start + 1, end === -1 ? undefined : end);
}

const markdown = (text: string) => marked.parse(text, { async: false, gfm: true }) as string;

/** The landing page: what the package is, how to install it, a quick start per API, where it runs, the APIs. */
function landingPage(apis: DocsApi[], changes: Set<string>, all: Guide[]): string {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  // The README's opening, without its table of the APIs (the page has a fuller one).
  const intro = readme
    .slice(readme.indexOf("\n") + 1, readme.indexOf("\n## "))
    .split("\n")
    .filter((line) => !line.startsWith("|"))
    .join("\n");
  const rows = apis.map(({ api, doc }) => {
    const operations = operationRows(doc).length;
    const webhooks = webhookRows(doc).length;
    const changelog = changes.has(api.name)
      ? `<a href="${escapeHtml(api.name)}-changes.html" data-changes="${escapeHtml(api.name)}">what changed</a>`
      : "—";
    return `      <tr data-api="${escapeHtml(api.name)}">
        <td><a href="${escapeHtml(api.name)}.html">${escapeHtml(doc.info.title)}</a></td>
        <td><code>loop-api-clients/${escapeHtml(api.name)}</code></td>
        <td>${escapeHtml(doc.info.version)}</td>
        <td class="count" data-operations="${operations}">${operations}</td>
        <td class="count" data-webhooks="${webhooks}">${webhooks}</td>
        <td>${changelog}</td>
      </tr>`;
  });
  const quickStarts = apis.map(({ api, doc, samples }) => {
    const first = quickStart(samples);
    return `  <h3>${escapeHtml(doc.info.title)}</h3>
  <pre data-quick-start="${escapeHtml(api.name)}"><code class="language-ts">${escapeHtml(first.source)}</code></pre>
  <p>Every operation of the <a href="${escapeHtml(api.name)}.html">${escapeHtml(doc.info.title)} reference</a> shows its own sample like this one.</p>`;
  });
  const body = `  <h1>loop-api-clients</h1>
${markdown(intro)}
  <h2>The APIs</h2>
  <table>
    <thead>
      <tr><th>API</th><th>Import from</th><th>Version</th><th class="count">Operations</th><th class="count">Webhooks</th><th>Changes</th></tr>
    </thead>
    <tbody>
${rows.join("\n")}
    </tbody>
  </table>
  <h2>Guide</h2>
  <p><a href="guide.html" data-guide>The guide</a>: errors, retries and timeouts, idempotency keys, rate limiting, pagination, webhooks, secrets, and testing your code against the mocks.</p>
${topicGuides(all)}
${markdown(readmeSection(readme, "Install"))}
  <h2>Quick start</h2>
${quickStarts.join("\n")}
${markdown(readmeSection(readme, "Runtimes"))}`;
  return page(
    htmlHeader({ root: "redocly.yaml" }),
    "loop-api-clients: API documentation",
    body,
    `  <style>\n    ${STYLE}\n  </style>\n`,
  );
}

function changesPage(api: ApiEntry, doc: OpenApiDocument, text: string): string {
  const body = `  <p><a href="index.html">All APIs</a> · <a href="${escapeHtml(api.name)}.html">${escapeHtml(doc.info.title)} reference</a></p>
${markdown(text)}`;
  return page(
    htmlHeader({ root: `specs/${api.name}/CHANGES.md` }),
    `${doc.info.title}: what changed`,
    body,
    `  <style>\n    ${STYLE}\n  </style>\n`,
  );
}

/** The topic guides on the landing page, each under its own title. */
function topicGuides(all: Guide[]): string {
  const items = all
    .slice(1)
    .map(
      ({ page, title }) =>
        `    <li><a href="${page}" data-guide>${marked.parseInline(title, { async: false })}</a></li>`,
    );
  return `  <ul>\n${items.join("\n")}\n  </ul>`;
}

function guidePage({ source, text, title }: Guide, all: Guide[]): string {
  return page(
    htmlHeader({ root: source }),
    `loop-api-clients: ${title.replace(/`/g, "")}`,
    `  <p><a href="index.html">All APIs</a></p>\n${linkGuides(markdown(text), all)}`,
    `  <style>\n    ${STYLE}\n  </style>\n`,
  );
}

type DocsApi = { api: ApiEntry; doc: OpenApiDocument; samples: CodeSample[] };

/** Every file of generated/docs/, in redocly.yaml order. Unchanged pages are reused (see reuse.ts). */
export function docsFiles(specs: { api: ApiEntry; doc: OpenApiDocument }[], previous: Previous): Map<string, string> {
  const clash = specs.find(({ api }) => api.generatedDir === DOCS_DIR);
  if (clash) throw new Error(`an API named "${clash.api.name}" would share ${DOCS_DIR}/ with the docs; rename it`);
  const tools = toolchain();
  // Each API's samples, made once for its page and the landing page's quick start.
  const apis: DocsApi[] = specs.map(({ api, doc }) => ({ api, doc, samples: codeSamples(doc, api) }));
  const files = new Map<string, string>([[`${DOCS_DIR}/${RENDERER}`, renderer(tools, previous)]]);
  const changes = new Set<string>();
  for (const { api, doc, samples } of apis) {
    files.set(`${DOCS_DIR}/${api.name}.html`, apiPage(api, doc, samples, tools, previous));
    const changelog = join(repoRoot, "specs", api.name, "CHANGES.md");
    let text: string | undefined;
    try {
      text = readFileSync(changelog, "utf8");
    } catch {
      continue;
    }
    changes.add(api.name);
    files.set(`${DOCS_DIR}/${api.name}-changes.html`, offline(changelog, changesPage(api, doc, text)));
  }
  const all = readGuides();
  for (const guide of all) files.set(`${DOCS_DIR}/${guide.page}`, offline(guide.source, guidePage(guide, all)));
  files.set(`${DOCS_DIR}/index.html`, offline("index.html", landingPage(apis, changes, all)));
  return files;
}
