// `npm run spec:update` in a temporary copy of the repository files it needs, whose Loops vendor file
// is the published 1.8.0 (specs/loops/history/1.8.0.yaml). The "newly published" input is our own
// normalized 1.21.6 (specs/loops/openapi.yaml), as YAML, as JSON and served over HTTP: the same
// facts give the same vendor file, byte for byte. Bad input fails with a clear error and leaves every
// file as it was (hashes compared before and after).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { planUpdate, writeUpdate } from "../../scripts/lib/spec-update/update-spec.ts";
import { freePort } from "../support/free-port.ts";

const SLOW = 60_000;
const current = readFileSync(join(repoRoot, "specs/loops/openapi.yaml"), "utf8");
const currentDoc = () => parse(current) as Record<string, any>;

let dir: string;
let inputs: string;
let server: Server;
let origin: string;
const config = () => join(dir, "redocly.yaml");
const file = (path: string) => join(dir, path);

/** sha256 of every file under specs/ and generated/ of the temp copy. */
function hashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const top of ["specs", "generated"]) {
    const root = join(dir, top);
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length + 1)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  }
  return out;
}

/**
 * A fresh copy: redocly.yaml and its lint-ignore file, the plugin, the Loops files with 1.8.0 as the
 * vendor file, or (`asCommitted`) the vendor file, lock and CHANGES.md as the repository has them.
 */
function freshCopy(asCommitted = false): void {
  rmSync(join(dir, "specs"), { recursive: true, force: true });
  for (const path of [
    "redocly.yaml",
    ".redocly.lint-ignore.yaml",
    "specs/plugins",
    "specs/loops/additions.yaml",
    "specs/loops/vendor.lock.json",
  ]) {
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true });
  }
  cpSync(join(repoRoot, "specs/loops/history/1.8.0.yaml"), file("specs/loops/openapi.yaml"));
  if (asCommitted) {
    for (const name of ["openapi.yaml", "CHANGES.md"]) {
      cpSync(join(repoRoot, "specs/loops", name), file(`specs/loops/${name}`));
    }
  }
}

const write = (name: string, text: string) => {
  const path = join(inputs, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "spec-update-"));
  inputs = mkdtempSync(join(tmpdir(), "spec-update-inputs-"));
  // The plugin imports `yaml`: resolve it from the repository's node_modules.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "generated"));
  writeFileSync(join(dir, "generated", ".keep"), "");
  server = createServer((req, res) => {
    if (req.url === "/openapi.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(currentDoc()));
    } else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(inputs, { recursive: true, force: true });
});
beforeEach(() => freshCopy());

const update = async (input: string) => {
  const plan = await planUpdate({ api: "loops", input, configPath: config() });
  writeUpdate(plan);
  return plan;
};

describe("spec:update 1.8.0 → 1.21.6", () => {
  it(
    "reports the operations added, removed and changed, with breaking and compatible changes",
    async () => {
      const { changes } = await update(write("loops.yaml", current));
      expect(changes.from).toEqual({ version: "1.8.0", server: "https://app.loops.so/api/v1" });
      expect(changes.to).toEqual({ version: "1.21.6", server: "https://app.loops.so/api" });
      // Matched by full URL path: the 24 operations of 1.8.0 are still there, under /api/v1.
      const { added, removed, changed, unchanged } = changes.operations;
      expect([added.length, removed.length, changed.length + unchanged]).toEqual([40, 0, 24]);
      expect(added.map((op) => op.operationId)).toContain("createWorkflowNode");
      expect(changes.webhooks.added).toHaveLength(17);

      const campaigns = changed.find((op) => op.method === "get" && op.path === "/api/v1/campaigns")!;
      expect(campaigns.breaking.map((c) => c.change)).toContain(
        "[Removed] property `campaignId` from `data[]` in Response 200 content (application/json)",
      );
      expect(campaigns.compatible.map((c) => c.change)).toContain(
        "[Added] property `id` to `data[]` in Response 200 content (application/json)",
      );
      const ips = changed.find((op) => op.operationId === "listDedicatedSendingIps")!;
      expect(ips.breaking).toEqual([{ section: "responses", change: "[Removed] Response 500", count: 1 }]);
      const event = changed.find((op) => op.operationId === "sendEvent")!;
      expect(event.breaking.map((c) => c.section)).toEqual(["request body"]);

      // The vendor file is our normalized 1.21.6 again, byte for byte; lock and report beside it.
      expect(readFileSync(file("specs/loops/openapi.yaml"), "utf8")).toBe(current);
      const lock = JSON.parse(readFileSync(file("specs/loops/vendor.lock.json"), "utf8"));
      expect(lock).toMatchObject({ version: "1.21.6", paths: 43, operations: 64, webhooks: 17, schemas: 219 });
      expect(lock.source.published).toBe("loops.yaml");
      const report = readFileSync(file("specs/loops/CHANGES.md"), "utf8");
      expect(report).toMatch(/^# Loops API changes\n/);
      expect(report).toMatch(/^## 1\.8\.0 → 1\.21\.6$/m);
      expect(report).toContain("| operations | 40 | 0 | 20 | 4 |");
      expect(report).toContain("Server: `https://app.loops.so/api/v1` → `https://app.loops.so/api`");
    },
    SLOW,
  );

  it(
    "the same file as JSON, and served over HTTP, gives the same vendor file and report",
    async () => {
      await update(write("loops.yaml", current));
      const fromYaml = hashes();
      freshCopy();
      await update(write("loops.json", JSON.stringify(currentDoc(), null, 2)));
      const fromJson = hashes();
      freshCopy();
      const served = await update(`${origin}/openapi.json`);
      const fromUrl = hashes();
      for (const other of [fromJson, fromUrl]) {
        expect(other["specs/loops/openapi.yaml"]).toBe(fromYaml["specs/loops/openapi.yaml"]);
        expect(other["specs/loops/CHANGES.md"]).toBe(fromYaml["specs/loops/CHANGES.md"]);
      }
      expect(served.changes.operations.added).toHaveLength(40);
      const lock = JSON.parse(readFileSync(file("specs/loops/vendor.lock.json"), "utf8"));
      expect(lock.source.published).toBe(`${origin}/openapi.json`);
    },
    SLOW,
  );

  it(
    "a second run with the same file changes no byte, CHANGES.md included",
    async () => {
      const input = write("loops.yaml", current);
      await update(input);
      const first = hashes();
      const { changes } = await update(input);
      expect(changes.operations).toMatchObject({ added: [], removed: [], changed: [], unchanged: 64 });
      expect(changes.webhooks).toMatchObject({ added: [], removed: [], changed: [], unchanged: 17 });
      expect(hashes()).toEqual(first);
    },
    SLOW,
  );
});

/** Our normalized 1.21.6 with prose put back, as a vendor publishes it: normalizing it gives `current`. */
function publishedForm(): string {
  const doc = currentDoc();
  doc.info.description = "Prose of the vendor, which normalization takes out.";
  for (const item of Object.values<Record<string, any>>(doc.paths)) {
    for (const op of Object.values<Record<string, any>>(item)) op.description = "More prose.";
  }
  return JSON.stringify(doc, null, 2);
}

describe("spec:update with the file already in place changes no byte", () => {
  it(
    "the repository's own vendor file, lock and CHANGES.md, updated with the normalized file",
    async () => {
      freshCopy(true);
      const before = hashes();
      const plan = await update(join(repoRoot, "specs/loops/openapi.yaml"));
      expect(plan.summary[0]).toBe("1.21.6 → 1.21.6");
      expect(hashes()).toEqual(before);
    },
    SLOW,
  );

  it(
    "the published form again, then the normalized form: the lock keeps the published file it names",
    async () => {
      const published = write("loops-published.json", publishedForm());
      await update(published);
      const lock = JSON.parse(readFileSync(file("specs/loops/vendor.lock.json"), "utf8"));
      expect(lock.source.published).toBe("loops-published.json");
      expect(lock.source.sha256).not.toBe(lock.sha256);
      const first = hashes();
      await update(published);
      expect(hashes()).toEqual(first);
      await update(write("normalized.yaml", current));
      expect(hashes()).toEqual(first);
    },
    SLOW,
  );

  it(
    "another published file with the same facts: only the lock's record of the published file changes",
    async () => {
      await update(write("loops-published.json", publishedForm()));
      const first = hashes();
      await update(write("loops-republished.json", publishedForm().replace("More prose.", "Other prose.")));
      const { "specs/loops/vendor.lock.json": lockHash, ...rest } = hashes();
      const { "specs/loops/vendor.lock.json": firstLockHash, ...firstRest } = first;
      expect(rest).toEqual(firstRest);
      expect(lockHash).not.toBe(firstLockHash);
      const lock = JSON.parse(readFileSync(file("specs/loops/vendor.lock.json"), "utf8"));
      expect(lock.source.published).toBe("loops-republished.json");
    },
    SLOW,
  );
});

describe("CHANGES.md keeps every report, newest first", () => {
  const next = (edit: (doc: Record<string, any>) => void) => {
    const doc = currentDoc();
    doc.info.version = "1.21.7";
    edit(doc);
    return write("loops-1.21.7.json", JSON.stringify(doc));
  };

  it(
    "a later update puts its report on top and keeps the earlier one unchanged",
    async () => {
      await update(write("loops.yaml", current));
      const earlier = readFileSync(file("specs/loops/CHANGES.md"), "utf8");
      const earlierReport = earlier.slice(earlier.indexOf("\n## "));
      await update(
        next((doc) => {
          doc.components.schemas.MailingList.properties.colour = { type: "string" };
        }),
      );
      const report = readFileSync(file("specs/loops/CHANGES.md"), "utf8");
      expect(report.indexOf("## 1.21.6 → 1.21.7")).toBeGreaterThan(0);
      expect(report.indexOf("## 1.21.6 → 1.21.7")).toBeLessThan(report.indexOf("## 1.8.0 → 1.21.6"));
      expect(report.endsWith(earlierReport)).toBe(true);
      expect(report.match(/^# /gm)).toHaveLength(1);
    },
    SLOW,
  );

  it(
    "an addition of ours that the new file states itself is reported, in the summary and in CHANGES.md",
    async () => {
      await update(write("loops.yaml", current));
      const plan = await update(
        next((doc) => {
          doc.components.schemas.SimplifiedWorkflow.examples[0].workflowRevisionId = null;
        }),
      );
      const pointer = plan.redundant.map((r) => r.pointer);
      expect(pointer).toHaveLength(1);
      expect(pointer[0]).toMatch(/^\/corrections\/\d+$/);
      expect(plan.summary.join("\n")).toMatch(
        /additions now redundant \(remove them\): 1\n {2}\/corrections\/\d+: .*C3/,
      );
      const report = readFileSync(file("specs/loops/CHANGES.md"), "utf8");
      expect(report).toContain("### Additions the new file makes redundant (1)");
      expect(report).toContain("entries of `specs/loops/additions.yaml`");
      expect(report).toContain(`- \`${pointer[0]}\`:`);
    },
    SLOW,
  );

  it(
    "a new file that publishes DELETE /v1/workflows/{workflowId} and a 429 everywhere makes A4 and A3 redundant",
    async () => {
      await update(write("loops.yaml", current));
      const additions = parse(readFileSync(file("specs/loops/additions.yaml"), "utf8")) as Record<string, any>;
      const ours = (pointer: string) => additions.corrections.find((c: any) => c.pointer === pointer).value;
      const plan = await update(
        next((doc) => {
          // As a vendor would publish it: our facts, the vendor's own words.
          const deleteWorkflow = structuredClone(ours("/paths/~1v1~1workflows~1{workflowId}/delete"));
          deleteWorkflow.description = "Vendor prose.";
          doc.paths["/v1/workflows/{workflowId}"].delete = deleteWorkflow;
          // The other operations we add (A9) and the schemas they use, published as well.
          for (const { pointer, value } of additions.corrections as { pointer: string; value: unknown }[]) {
            const metrics = /^\/paths\/(.+~1metrics)$/.exec(pointer)?.[1];
            if (metrics) doc.paths[metrics.replaceAll("~1", "/")] = structuredClone(value);
            const schema = /^\/components\/schemas\/(\w+Metrics)$/.exec(pointer)?.[1];
            if (schema) doc.components.schemas[schema] = structuredClone(value);
          }
          doc.components.headers ??= {};
          doc.components.headers["X-RateLimit-Limit"] = ours("/components/headers/X-RateLimit-Limit");
          doc.components.headers["X-RateLimit-Remaining"] = ours("/components/headers/X-RateLimit-Remaining");
          doc.components.responses = { RateLimited: ours("/components/responses/RateLimited") };
          for (const item of Object.values<Record<string, any>>(doc.paths)) {
            for (const op of Object.values<Record<string, any>>(item)) {
              if (!op?.responses) continue;
              const limited = (op.responses["429"] ??= { $ref: "#/components/responses/RateLimited" });
              if (!limited.$ref) limited.headers ??= doc.components.responses.RateLimited.headers;
            }
          }
        }),
      );
      const reasons = plan.redundant.map((r) => `${r.pointer} ${r.reason}`).join("\n");
      expect(reasons).toMatch(/^\/corrections\/\d+ RESTORED\.md A4/m);
      expect(reasons).toMatch(/^\/sharedResponses\/1 RESTORED\.md A3/m);
      expect(reasons).toMatch(/RESTORED\.md A3 \(the 429 shared by every operation\)/);
      expect(reasons).not.toMatch(/A2/);
    },
    SLOW,
  );
});

describe("spec:update refuses bad input and writes nothing", () => {
  const broken = (edit: (doc: Record<string, any>) => void) => {
    const doc = currentDoc();
    edit(doc);
    return JSON.stringify(doc);
  };
  const cases: { given: string; input: () => Promise<string> | string; want: RegExp }[] = [
    {
      given: "a file that is neither JSON nor YAML",
      input: () => write("garbage.yaml", "openapi: 3.1.0\ninfo: [unclosed\n"),
      want: /garbage\.yaml:\d+:\d+: neither JSON nor YAML/,
    },
    {
      given: "a YAML file that is not OpenAPI",
      input: () => write("compose.yaml", "services:\n  web:\n    image: nginx\n"),
      want: /compose\.yaml: not an OpenAPI 3\.x document \(no `openapi` field\)/,
    },
    {
      given: "a Swagger 2.0 file",
      input: () =>
        write("swagger.json", JSON.stringify({ swagger: "2.0", info: { title: "t", version: "1" }, paths: {} })),
      want: /swagger\.json: not an OpenAPI 3\.x document \(no `openapi` field; it is Swagger 2\.0\)/,
    },
    {
      given: "an unreachable URL (a refused local port)",
      input: async () => `http://127.0.0.1:${await freePort()}/openapi.json`,
      want: /http:\/\/127\.0\.0\.1:\d+\/openapi\.json: cannot fetch it \(ECONNREFUSED\)/,
    },
    {
      given: "a URL that answers 404",
      input: () => `${origin}/nothing-here.json`,
      want: /nothing-here\.json: the server answered 404/,
    },
    {
      given: "a broken $ref",
      input: () =>
        write(
          "broken-ref.json",
          broken((doc) => {
            doc.paths["/v1/lists"].get.responses["200"].content["application/json"].schema.items.$ref =
              "#/components/schemas/MailingListGone";
          }),
        ),
      want: /broken-ref\.json:\d+:\d+ \(#\/paths\/~1v1~1lists\/get\/responses\/200\/content\/application~1json\/schema\/items\) \$ref "#\/components\/schemas\/MailingListGone" does not resolve/,
    },
    {
      given: "a structural error (a response without its required description)",
      input: () =>
        write(
          "no-description.json",
          broken((doc) => {
            delete doc.paths["/v1/lists"].get.responses["200"].description;
          }),
        ),
      want: /no-description\.json:\d+:\d+ \(#\/paths\/~1v1~1lists\/get\/responses\/200\) struct: The field `description` must be present/,
    },
    {
      given: "an operation our additions describe, gone from the new file",
      input: () =>
        write(
          "no-themes-post.json",
          broken((doc) => {
            delete doc.paths["/v1/themes"].post;
            delete doc.webhooks.testingTestEvent;
          }),
        ),
      want: /additions\.yaml#\/operations\/POST ~1v1~1themes: targets POST \/v1\/themes, which the vendor file no longer has\n.*additions\.yaml#\/webhooks\/POST testingTestEvent: targets POST testingTestEvent/,
    },
    {
      given: "a corrected value that the vendor changed",
      input: () =>
        write(
          "fixed-delete.json",
          broken((doc) => {
            doc.components.schemas.ContactDeleteRequest.required = ["email"];
          }),
        ),
      want: /additions\.yaml#\/corrections\/\d+: the vendor file no longer has the published value at \/components\/schemas\/ContactDeleteRequest\/required/,
    },
    {
      given: "a new operation without our summary (house style)",
      input: () =>
        write(
          "new-operation.json",
          broken((doc) => {
            doc.paths["/v1/lists"].post = structuredClone(doc.paths["/v1/lists"].get);
            doc.paths["/v1/lists"].post.operationId = "createMailingList";
          }),
        ),
      want: /add or fix the additions[\s\S]*\(#\/paths\/~1v1~1lists\/post\/summary\) error operation-summary/,
    },
  ];

  for (const { given, input, want } of cases) {
    it(
      `${given}: a clear error, no file changed`,
      async () => {
        const before = hashes();
        const source = await input();
        await expect(planUpdate({ api: "loops", input: source, configPath: config() })).rejects.toThrow(want);
        expect(hashes()).toEqual(before);
      },
      SLOW,
    );
  }

  it("an API whose spec is not a vendor file is refused by name", async () => {
    await expect(
      planUpdate({ api: "lifeloop", input: write("x.yaml", current), configPath: config() }),
    ).rejects.toThrow(/apis\.lifeloop@v1 has no `vendor-additions\/apply` decorator/);
  });

  it(
    "the command prints the error, says nothing was written, and exits 1",
    async () => {
      const before = hashes();
      const run = promisify(execFile)(
        process.execPath,
        [
          "--import",
          "tsx",
          join(repoRoot, "scripts/spec-update.ts"),
          "loops",
          write("c.yaml", "a: 1\n"),
          "--config",
          config(),
        ],
        { cwd: repoRoot },
      );
      const failure = await run.then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/spec:update: .*c\.yaml: not an OpenAPI 3\.x document[\s\S]*nothing was written/);
      expect(hashes()).toEqual(before);
    },
    SLOW,
  );
});
