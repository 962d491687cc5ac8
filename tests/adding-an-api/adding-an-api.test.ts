// CONTRIBUTING.md's "Adding an API", done as it says, in a copy of the repository: a small fourth API
// (tests/adding-an-api/widgets/) gets its spec, its redocly.yaml entry, its factory and its contract
// cases, and nothing else; then `npm run generate` must derive everything for it, and what is new
// must pass: the new files type-check, and its contract cases, docs samples and fault workload run
// (one nested vitest run, filtered to the new API: the others were tested by this run already).
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";

const run = promisify(execFile);
const fixtures = join(repoRoot, "tests", "adding-an-api", "widgets");
const NAME = "widgets";

/** The files the test writes, as the README's section names them (with `<name>`). */
const ADDED: Record<string, string> = {
  "specs/<name>/openapi.yaml": "openapi.yaml",
  "src/clients/<name>.ts": "factory.ts",
  "tests/contract/<name>/cases.ts": "cases.ts",
};

let copy: string;

beforeAll(async () => {
  console.log("adding an API: copying the repository, then generate, tsc and one nested vitest run in the copy");
  copy = mkdtempSync(join(tmpdir(), "adding-an-api-"));
  const { stdout } = await run("git", ["ls-files", "-z"], { cwd: repoRoot, maxBuffer: 64 << 20 });
  for (const file of stdout.split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(copy, file));
  }
  symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");
  for (const [target, fixture] of Object.entries(ADDED)) {
    const path = join(copy, target.replace("<name>", NAME));
    mkdirSync(dirname(path), { recursive: true });
    cpSync(join(fixtures, fixture), path);
  }
  const config = join(copy, "redocly.yaml");
  writeFileSync(
    config,
    `${readFileSync(config, "utf8").trimEnd()}\n${readFileSync(join(fixtures, "redocly-entry.yaml"), "utf8")}`,
  );
}, 120_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const sh = (command: string, args: string[], env: Record<string, string> = {}) =>
  run(command, args, {
    cwd: copy,
    env: { ...process.env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    maxBuffer: 64 << 20,
    timeout: 240_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`${command} ${args.join(" ")} failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  });

describe("adding a fourth API, as CONTRIBUTING.md says", () => {
  it("CONTRIBUTING.md's steps are exactly the files this test adds", () => {
    const readme = readFileSync(join(repoRoot, "CONTRIBUTING.md"), "utf8");
    const start = readme.indexOf("\n## Adding an API\n");
    expect(start, "CONTRIBUTING.md has an `## Adding an API` section").toBeGreaterThan(0);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end === -1 ? undefined : end);
    // The numbered steps name the files to write: every repository path with `<name>` in them.
    const steps = section
      .split("\n")
      .filter(
        (line, i, all) => /^\d\. /.test(line) || (/^ {3}\S/.test(line) && /^(\d\. | {3})/.test(all[i - 1] ?? "")),
      );
    const files = [
      ...new Set(
        [...steps.join("\n").matchAll(/`((?:specs|src|tests)\/[\w./-]*<name>[\w./-]*\.\w+)`/g)].map((m) => m[1]!),
      ),
    ];
    expect(files.sort()).toEqual(Object.keys(ADDED).sort());
    expect(section).toContain("redocly.yaml");
    expect(section).toContain("npm run generate");
  });

  it("npm run generate derives everything for it", async () => {
    await sh(process.execPath, [join(copy, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts"]);
    const pkg = JSON.parse(readFileSync(join(copy, "package.json"), "utf8"));
    expect(pkg.exports["./widgets"]).toBeDefined();
    expect(readFileSync(join(copy, "generated/index.ts"), "utf8")).toContain(`src/clients/${NAME}.ts`);
    const docs = readFileSync(join(copy, "generated/docs/index.html"), "utf8");
    expect(docs).toContain(`data-api="${NAME}"`);
    expect(readFileSync(join(copy, `generated/docs/${NAME}.html`), "utf8")).toContain("createWidgetsClient(");
  }, 240_000);

  it("its new files type-check, with the repository's compiler options", async () => {
    const config = join(copy, "tsconfig.widgets.json");
    // The new files and what they are compiled with: the generated code, and the type of the mocks' URLs.
    const include = [
      ...Object.keys(ADDED).map((f) => f.replace("<name>", NAME)),
      `generated/${NAME}/**/*.ts`,
      "tests/contract/prism-setup.ts",
    ];
    writeFileSync(
      config,
      JSON.stringify({ extends: "./tsconfig.json", include: include.filter((f) => f.endsWith(".ts")) }),
    );
    await sh(process.execPath, [join(copy, "node_modules/typescript/bin/tsc"), "-p", config, "--noEmit"]);
  }, 240_000);

  // One nested run of the suites that take the new API, filtered to it by name.
  describe("its contract cases, docs samples and fault workload pass", () => {
    let stdout = "";
    beforeAll(async () => {
      ({ stdout } = await sh(
        process.execPath,
        [
          join(copy, "node_modules/vitest/vitest.mjs"),
          "run",
          "tests/contract/contract.test.ts",
          "tests/contract/coverage.test.ts",
          "tests/docs/code-samples.test.ts",
          "tests/fault/fault-injection.test.ts",
          "-t",
          NAME,
          "--reporter=verbose",
        ],
        { FAULT_REQUESTS: "200" }, // enough for every fault to happen to each API; 1,000 in the repository
      ));
    }, 240_000);

    it("the nested run passes", () => {
      expect(stdout).toMatch(/Tests\s+\d+ passed/);
      expect(stdout).not.toMatch(/\d+ failed/);
    });

    it("its contract tests and its coverage check", () => {
      expect(stdout).toContain(
        "widgets contract > createWidget (POST /widgets) > rejects an invalid request: without a name",
      );
      expect(stdout).toContain("widgets: every operation has a contract case");
    });

    it("its docs samples: one per operation, all type-check, its quick start runs", () => {
      for (const test of [
        "every operation and webhook has exactly one sample",
        "every sample type-checks against the package's entry points",
        "its quick start runs against its mock: listWidgets",
      ])
        expect(stdout).toContain(`${NAME} samples > ${test}`);
    });

    it("the fault suite runs its client, on both fetch paths", () => {
      for (const mode of ["injected fetch", "default fetch"]) {
        for (const test of [
          "every operation is called, each where its spec says",
          "every call ends as its last answer says: success, or that fault's typed error",
          "a call that is not safe to repeat reaches the server once, whatever it got",
        ])
          expect(stdout).toContain(`200 calls against a faulty loopback server, ${mode} > ${NAME} > ${test}`);
      }
      expect(stdout).toMatch(new RegExp(`\\[fault seed=\\d+, default fetch\\] ${NAME}: 200 calls`));
    });
  });
});
