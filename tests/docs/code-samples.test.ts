// The TypeScript sample the docs show on every operation and webhook (scripts/lib/code-samples.ts):
// each one type-checks, as a user's file, against the package's entry points; and each API's quick
// start (the landing page's, the first read of the API) runs against that API's mock and gets data.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { clientTarget } from "../../scripts/lib/client-target.ts";
import { codeSamples, quickStart } from "../../scripts/lib/code-samples.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { typeCheckModules } from "../support/typecheck.ts";
import { repoTempDir } from "../support/repo-temp.ts";

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const apis = loadApis().map((api) => ({
  api,
  doc: readBundledSpec(api) as never,
  samples: [] as ReturnType<typeof codeSamples>,
}));
for (const entry of apis) entry.samples = codeSamples(entry.doc, entry.api);

// Every API's samples in one program (the package's types are checked once), built on first use.
let problems: string[] | undefined;
const sampleProblems = () =>
  (problems ??= typeCheckModules(
    new Map(
      apis.flatMap(({ api, samples }) =>
        samples.map((s) => [`${api.name}.${s.root}.${s.operationId}`, `export {};\n${s.source}`] as const),
      ),
    ),
  ));

// One describe per API, named after it: `-t <api>` checks one API alone (tests/adding-an-api does).
describe.each(apis.map((entry) => [entry.api.name, entry] as const))("%s samples", (name, { api, doc, samples }) => {
  it("every operation and webhook has exactly one sample", () => {
    const spec = doc as { paths?: object; webhooks?: object };
    // Read from the spec: `<root> <operationId>` of every operation and webhook.
    const ids = (root: "paths" | "webhooks") =>
      Object.values(spec[root] ?? {}).flatMap((item: Record<string, { operationId?: string }>) =>
        Object.entries(item)
          .filter(([k]) => k !== "parameters" && k !== "servers")
          .map(([, op]) => `${root} ${op.operationId}`),
      );
    expect(samples.map((s) => `${s.root} ${s.operationId}`).sort()).toEqual(
      [...ids("paths"), ...ids("webhooks")].sort(),
    );
  });

  it("every sample type-checks against the package's entry points", { timeout: 120_000 }, () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(sampleProblems().filter((problem) => problem.startsWith(`${name}.`))).toEqual([]);
  });

  it(`its quick start runs against its mock: ${quickStart(samples).operationId}`, { timeout: 60_000 }, async () => {
    const sample = quickStart(samples);
    const target = clientTarget(doc, inject("mockUrls")[name]!);
    // The sample as shown, aimed at the mock: the factory's options gain the mock's URL.
    const source = sample.source.replace(
      `${api.client.factory}({ `,
      `${api.client.factory}({ ...${JSON.stringify(target)}, `,
    );
    expect(source).not.toBe(sample.source);
    const dir = repoTempDir("quick-start");
    try {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, source);
      const credentials = Object.fromEntries(
        Object.values(api.client.credentials).map((variable) => [variable, "docs-sample-credential"]),
      );
      const { stdout, stderr } = await run(process.execPath, [tsx, file], {
        cwd: repoRoot,
        env: { ...process.env, ...credentials },
        timeout: 50_000,
      });
      expect(stderr).toBe("");
      expect(stdout.trim().length, "the sample printed the data it got").toBeGreaterThan(0);
      expect(stdout.trim(), "the data is not empty").not.toMatch(/^(undefined|null)$/);
      expect(stdout).not.toMatch(/failed with/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
