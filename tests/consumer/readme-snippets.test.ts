// The ```ts blocks of the README and of the guide (docs/guide.md, published beside the API
// references), the way a user pastes them: every one type-checks against the package's entry
// points, and every one that calls an API also runs, against the mocks, and must succeed.
// Blocks share a few names: each API's client under its name (`loops`, `lifeloop`, `loopmessage`),
// `apiKey` and `request`; a block that does not define one gets it in front. To run, every client
// is aimed at its mock (the factory's options gain the mock's URL and a fetch that reports every
// answer that is not a 2xx, and the URLs the README gives for `npm run mock` become the test's
// mocks), and every credential variable of redocly.yaml is set.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { GUIDE_SOURCE } from "../../scripts/lib/api-docs.ts";
import { clientTarget } from "../../scripts/lib/client-target.ts";
import { MOCK_BASE_PORT } from "../../scripts/lib/prism-mock.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { typeCheckModules } from "../support/typecheck.ts";
import { repoTempDir } from "../support/repo-temp.ts";

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const apis = loadApis();
const variable = (name: string) => name.replace(/\W(\w)/g, (_, c: string) => c.toUpperCase());
const CREDENTIAL = "readme-snippet-credential";

const blocks = ["README.md", GUIDE_SOURCE].flatMap((file) => {
  const text = readFileSync(join(repoRoot, file), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
    name: `${file} snippet ${i + 1} (line ${text.slice(0, m.index).split("\n").length + 1})`,
    source: m[1]!,
  }));
});
const callsAnApi = (source: string) => /\.(GET|PUT|POST|DELETE|PATCH|HEAD)\(/.test(source);

/** A block as a module: its imports, then the shared names it does not define, then its body. */
function asModule(block: string, mode: "typecheck" | "run"): string {
  const lines = block.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  let body = lines.filter((l) => !l.startsWith("import ")).join("\n");
  const prelude =
    mode === "run"
      ? [
          `const apiKey = ${JSON.stringify(CREDENTIAL)};`,
          "declare const request: Request;",
          "void apiKey;",
          // Every client's requests go through this: an answer the mock refused is written to stderr,
          // which fails the test even when the snippet itself ignores the `{ error }` it got.
          "const reportingFetch = async (request: Request): Promise<Response> => {",
          "  const response = await fetch(request);",
          "  if (!response.ok) console.error(`the mock answered ${response.status} to ${request.method} ${request.url}`);",
          "  return response;",
          "};",
        ]
      : ["declare const apiKey: string;", "declare const request: Request;", "void apiKey, request;"];
  for (const api of apis) {
    const { factory, credentials } = api.client;
    const name = variable(api.name);
    if (!block.includes(`const ${name} =`)) {
      if (!imports.some((l) => l.includes(factory)))
        imports.push(`import { ${factory} } from "loop-api-clients/${api.name}";`);
      const options = Object.keys(credentials).map((option) => `${option}: ${JSON.stringify(CREDENTIAL)}`);
      prelude.push(`const ${name} = ${factory}({ ${options.join(", ")} });`, `void ${name};`);
    }
  }
  let source = [...imports, ...prelude, "export {};", body].join("\n");
  if (mode === "run") {
    apis.forEach((api, i) => {
      const mock = inject("mockUrls")[api.name]!;
      const target = JSON.stringify(clientTarget(readBundledSpec(api) as never, mock));
      source = source.replaceAll(
        `${api.client.factory}({ `,
        `${api.client.factory}({ ...${target}, fetch: reportingFetch, `,
      );
      source = source.replaceAll(`http://127.0.0.1:${MOCK_BASE_PORT + i}`, mock);
    });
  }
  return source;
}

it("every TypeScript snippet in the README and the guide type-checks", { timeout: 60_000 }, () => {
  expect(blocks.filter((b) => b.name.startsWith("README.md")).length).toBeGreaterThan(3);
  expect(blocks.filter((b) => b.name.startsWith(GUIDE_SOURCE)).length).toBeGreaterThan(5);
  const modules = new Map(blocks.map((b) => [b.name, asModule(b.source, "typecheck")]));
  expect(typeCheckModules(modules)).toEqual([]);
});

describe("every README and guide snippet that calls an API runs against the mocks", () => {
  const runnable = blocks.filter((b) => callsAnApi(b.source));
  it("there are such snippets", () => expect(runnable.length).toBeGreaterThan(5));
  const env: Record<string, string> = {};
  for (const api of apis) {
    for (const name of Object.values(api.client.credentials)) env[name] = CREDENTIAL;
    if (api.client.webhooks) env[api.client.webhooks.secretVariable] = CREDENTIAL;
  }
  for (const block of runnable) {
    it(block.name, { timeout: 60_000 }, async () => {
      const dir = repoTempDir("readme-snippet");
      try {
        const file = join(dir, "snippet.ts");
        writeFileSync(file, asModule(block.source, "run"));
        const result = await run(process.execPath, [tsx, file], {
          cwd: repoRoot,
          env: { ...process.env, ...env },
          timeout: 50_000,
        }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
        expect(`${result.stderr ?? ""}`, `${block.source}\n${result.stdout ?? ""}`).toBe("");
        expect((result as { code?: number }).code ?? 0).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
