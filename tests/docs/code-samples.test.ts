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

it("every operation and webhook of every API has exactly one sample", () => {
  for (const { api, doc, samples } of apis) {
    const spec = doc as { paths?: object; webhooks?: object };
    // Read from the spec: `<root> <operationId>` of every operation and webhook.
    const ids = (root: "paths" | "webhooks") =>
      Object.values(spec[root] ?? {}).flatMap((item: Record<string, { operationId?: string }>) =>
        Object.entries(item)
          .filter(([k]) => k !== "parameters" && k !== "servers")
          .map(([, op]) => `${root} ${op.operationId}`),
      );
    expect(samples.map((s) => `${s.root} ${s.operationId}`).sort(), api.name).toEqual(
      [...ids("paths"), ...ids("webhooks")].sort(),
    );
  }
});

it("every sample type-checks against the package's entry points", { timeout: 120_000 }, () => {
  const modules = new Map<string, string>();
  for (const { api, samples } of apis) {
    for (const sample of samples)
      modules.set(`${api.name}.${sample.root}.${sample.operationId}`, `export {};\n${sample.source}`);
  }
  expect(modules.size).toBeGreaterThan(100);
  expect(typeCheckModules(modules)).toEqual([]);
});

describe("each API's quick start runs against its mock", () => {
  for (const { api, doc, samples } of apis) {
    it(`${api.name}: ${quickStart(samples).operationId}`, { timeout: 60_000 }, async () => {
      const sample = quickStart(samples);
      const target = clientTarget(doc, inject("mockUrls")[api.name]!);
      // The sample as shown, aimed at the mock: the factory's options gain the mock's URL.
      const source = sample.source.replace(
        `${api.client.factory}({ `,
        `${api.client.factory}({ ...${JSON.stringify(target)}, `,
      );
      expect(source).not.toBe(sample.source);
      const dir = repoTempDir("quick-start");
      try {
        const file = join(dir, `${api.name}.ts`);
        writeFileSync(file, source);
        const credentials = Object.fromEntries(
          Object.values(api.client.credentials).map((name) => [name, "docs-sample-credential"]),
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
  }
});
