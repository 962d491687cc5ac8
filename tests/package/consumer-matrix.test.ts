// The consumer matrix: the packed tarball, installed into a scratch project, used from every
// runtime and module setting the README's Runtimes table lists. Each row of that table names the
// test here that proves it. The same scenario (tests/package/fixtures/scenario.mjs) runs everywhere
// against the run's Prism mocks (CORS on): a typed call per client, a typed error, a webhook verified with Web Crypto.
// The testing kit's scenario (fixtures/kit-scenario.mjs) runs offline in Node, Bun, Deno and
// Chromium, and a user's vitest suite uses the kit with the `fetch` option and with MSW 2.
import { execFile, spawn } from "node:child_process";
import { cpSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { launchChromium, noBrowser } from "../support/chromium.ts";
import { freePort } from "../support/free-port.ts";
import { serveStatic } from "../support/static-server.ts";
import { fixtures, installConsumer, pack, runtimeBinary, tarballFiles, type Tarball } from "./consumer.ts";

const run = promisify(execFile);
const bin = (name: string) => join(repoRoot, "node_modules", ".bin", name);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
// The testing entry carries the three specs' request rules and examples, in ESM and CJS (about
// 47 KB gzip each): 250 KB before it.
const MAX_PACKED_BYTES = 350 * 1024;
// Backstops against a hang, far beyond a busy machine's times (the runtimes and compilers run side
// by side on 2 shared cores): never a verdict.
const SLOW_MS = 300_000;

let tarball: Tarball;
let app: string;
const mockUrls = inject("mockUrls");

beforeAll(() => {
  console.log("consumer matrix: packing the tarball and installing it into a scratch project");
  tarball = pack();
  app = installConsumer(tarball.file);
  cpSync(fixtures, app, { recursive: true });
  cpSync(join(repoRoot, "tests", "consumer"), join(app, "typed"), {
    recursive: true,
    filter: (src) => !src.endsWith(".test.ts"),
  });
}, 300_000);

afterAll(() => {
  for (const dir of [app, tarball && dirname(tarball.file)]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const mockEnv = () => ({
  ...process.env,
  LOOPS_MOCK: mockUrls.loops,
  LIFELOOP_MOCK: mockUrls.lifeloop,
  LOOPMESSAGE_MOCK: mockUrls.loopmessage,
});

/** What the scenario must report on every runtime. */
const EXPECTED = {
  loops: 200,
  loopsIsArray: true,
  lifeloop: 200,
  lifeloopFacility: true,
  loopmessage: 200,
  loopmessageQueued: true,
  notFound: "NotFoundError 404",
  drift: [42, "getFacility /data/timezone required", "getFacility /data/name type"],
  driftThrown: "ResponseValidationError getFacility",
  webhook: "resident.created",
  forged: "signature_mismatch",
  loopsWebhook: "testing.testEvent",
};

async function runScenario(command: string, args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(command, args, { cwd: app, env: mockEnv(), timeout: SLOW_MS });
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

describe("the tarball", () => {
  it(`holds only what runs or types the clients, in at most ${MAX_PACKED_BYTES / 1024} KB packed`, () => {
    const files = tarballFiles(tarball.file).map((f) => f.replace(/^package\//, ""));
    const allowed = /^(dist\/.+\.(mjs|cjs|d\.mts|d\.cts)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    for (const entry of ["index", "runtime", ...loadApis().map((api) => api.name)]) {
      expect(files).toContain(`dist/${entry}.mjs`);
      expect(files).toContain(`dist/${entry}.d.cts`);
    }
    expect(files).toEqual(expect.arrayContaining(["README.md", "LICENSE", "CHANGELOG.md", "package.json"]));
    expect(tarball.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  });

  it("no entry imports a Node.js built-in (the bin, dist/bin/, is for Node.js only)", () => {
    const dist = join(app, "node_modules", "loop-api-clients", "dist");
    const files = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((f) => /\.(mjs|cjs)$/.test(f) && !f.startsWith("bin"));
    expect(files).toContain("testing.mjs");
    const builtin =
      /(\bfrom|\bimport|\brequire)\s*\(?\s*["'](node:|(fs|http|https|net|tls|crypto|buffer|stream|util|path|os|zlib|child_process)["'])/;
    const builtins = files.filter((f) => builtin.test(readFileSync(join(dist, f), "utf8")));
    expect(builtins).toEqual([]);
  });

  // An entry the root leaves out (scripts/lib/package-entries.ts STANDALONE_ENTRIES): it takes a client
  // of the optional peer `redis` as an argument and never imports it, so the browser and workerd
  // bundles (which import the root) never see it, and it stays within the checks above.
  it("the redis entry: its own subpath, outside the root entry, importing nothing but the package's own chunks", () => {
    const dist = join(app, "node_modules", "loop-api-clients", "dist");
    const imports = (file: string) =>
      [...readFileSync(join(dist, file), "utf8").matchAll(/(?:\bfrom|\brequire\()\s*["']([^"']+)["']/g)].map(
        (m) => m[1],
      );
    for (const file of ["redis.mjs", "redis.cjs"])
      expect(imports(file).filter((i) => !i!.startsWith("./chunks/"))).toEqual([]);
    expect(readFileSync(join(dist, "index.mjs"), "utf8")).not.toMatch(/redis/i);
    expect(readdirSync(join(app, "node_modules"))).not.toContain("redis"); // an optional peer: not installed
  });

  it("publint reports no problem", async () => {
    const { stdout } = await run(bin("publint"), [
      "--strict",
      "--pack",
      "false",
      join(app, "node_modules", "loop-api-clients"),
    ]);
    expect(stdout).toMatch(/All good!/);
  });

  it(
    "arethetypeswrong reports no problem (node16 from CJS and ESM, bundler)",
    async () => {
      // node10 resolution has no `exports` and so no subpaths; the README says it is not supported.
      // attw exits non-zero on any problem, which rejects here with its report.
      const { stdout } = await run(bin("attw"), [tarball.file, "--profile", "node16", "--format", "ascii"]);
      expect(stdout).toMatch(/"loop-api-clients\/runtime"/);
    },
    SLOW_MS,
  );
});

// Each runtime is its own process: they run side by side.
describe.concurrent("runtimes", () => {
  it("Node.js 20: ESM entries, real calls against the mocks", async () => {
    expect(await runScenario(process.execPath, ["app.mjs"])).toEqual({ ...EXPECTED, rootEntry: true });
  });

  it("Node.js 20: CommonJS require() of every entry", async () => {
    expect(await runScenario(process.execPath, ["app.cjs"])).toEqual({
      ...EXPECTED,
      rootEntry: true,
      packageJson: "loop-api-clients",
    });
  });

  for (const version of ["node22", "node24"] as const) {
    it(
      `Node.js ${version.slice(4)}: ESM and CommonJS`,
      async () => {
        const node = runtimeBinary(version);
        expect(await runScenario(node, ["app.mjs"])).toEqual({ ...EXPECTED, rootEntry: true });
        expect(await runScenario(node, ["app.cjs"])).toMatchObject(EXPECTED);
      },
      SLOW_MS,
    );
  }

  it("Bun: the ESM script", async () => {
    expect(await runScenario(bin("bun"), ["app.mjs"])).toEqual({ ...EXPECTED, rootEntry: true });
  });

  it(
    "Deno: the ESM script, with network access only",
    async () => {
      const args = ["run", "--allow-net", "--allow-env", "--allow-read", "app.mjs"];
      expect(await runScenario(bin("deno"), args)).toEqual({ ...EXPECTED, rootEntry: true });
    },
    SLOW_MS,
  );

  it.skipIf(noBrowser)(
    "browsers: an esbuild bundle in Chromium calls the mocks from another origin (CORS)",
    async () => {
      await build({
        entryPoints: [join(app, "browser.mjs")],
        outfile: join(app, "web", "app.js"),
        bundle: true,
        format: "esm",
        platform: "browser",
        absWorkingDir: app,
        logLevel: "silent",
      });
      writeFileSync(join(app, "web", "index.html"), '<!doctype html><script type="module" src="app.js"></script>');
      const site = await serveStatic(join(app, "web"));
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(`${site.origin}/?${new URLSearchParams(mockUrls)}`);
        expect(new URL(site.origin).port).not.toBe(new URL(mockUrls.loops!).port);
        const result = await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
        expect(result).toEqual({ value: EXPECTED });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await site.close();
      }
    },
    120_000,
  );

  it(
    "Cloudflare Workers: workerd runs the bundled worker without Node.js compatibility",
    async () => {
      const workerd = runtimeBinary("workerd");
      await build({
        entryPoints: [join(app, "worker.mjs")],
        outfile: join(app, "worker.bundle.mjs"),
        bundle: true,
        format: "esm",
        platform: "neutral",
        mainFields: ["module", "main"],
        conditions: ["workerd", "worker", "import"],
        absWorkingDir: app,
        logLevel: "silent",
      });
      const port = await freePort();
      const config = readFileSync(join(app, "worker.capnp"), "utf8").replace("$PORT", String(port));
      writeFileSync(join(app, "worker.run.capnp"), config);
      const server = execFile(workerd, ["serve", "worker.run.capnp"], { cwd: app });
      let log = "";
      server.stdout?.on("data", (c) => (log += c));
      server.stderr?.on("data", (c) => (log += c));
      server.on("exit", (code, signal) => (log += `\nworkerd exited: ${code ?? signal}`));
      try {
        const url = `http://127.0.0.1:${port}/?${new URLSearchParams(mockUrls)}`;
        let response: Response | undefined;
        for (let i = 0; i < 300 && !response; i++) {
          response = await fetch(url).catch(() => new Promise<undefined>((r) => setTimeout(r, 100)));
        }
        expect(response, `workerd did not start:\n${log}`).toBeDefined();
        const text = await response!.text();
        expect(response!.status, text).toBe(200);
        expect(JSON.parse(text)).toEqual(EXPECTED);
      } finally {
        server.kill();
      }
    },
    SLOW_MS,
  );
});

/** Every consumer setting of the TypeScript matrix: each is checked once, paired with one of the other list. */
const RESOLUTIONS = [
  { name: "node16", module: "node16", moduleResolution: "node16" },
  { name: "nodenext", module: "nodenext", moduleResolution: "nodenext" },
  { name: "bundler", module: "preserve", moduleResolution: "bundler" },
];
const LIBS = [
  // Typed usage, with the @ts-expect-error lines of tests/consumer/: needs the Fetch API's types.
  { name: "lib es2022 + DOM, types: []", lib: ["es2022", "dom", "dom.iterable"], types: [], files: ["typed/*.ts"] },
  { name: "lib es2022 + @types/node", lib: ["es2022"], types: ["node"], files: ["typed/*.ts"] },
  // No Fetch API types at all: the declarations must still compile.
  { name: "lib es2022 only, types: []", lib: ["es2022"], types: [], files: ["neutral.ts"] },
];

// Each tsc is its own process: they run side by side.
describe.concurrent(
  "TypeScript consumers (strict, exactOptionalPropertyTypes, noPropertyAccessFromIndexSignature, noUncheckedIndexedAccess, skipLibCheck: false)",
  () => {
    const pairs = Math.max(RESOLUTIONS.length, LIBS.length);
    const cases = Array.from({ length: pairs }, (_, i) => ({
      resolution: RESOLUTIONS[i % RESOLUTIONS.length]!,
      lib: LIBS[i % LIBS.length]!,
      tsc: () => tsc,
      ts: "",
    }));
    // The oldest TypeScript the README supports, on the most common setting.
    cases.push({
      resolution: RESOLUTIONS[1]!,
      lib: LIBS[0]!,
      tsc: () => runtimeBinary("typescript55"),
      ts: "TypeScript 5.5, ",
    });
    for (const { resolution, lib, tsc: compiler, ts } of cases) {
      it(
        `${ts}${resolution.name}, ${lib.name}`,
        async () => {
          const config = `tsconfig.${ts ? "ts55." : ""}${resolution.name}.${LIBS.indexOf(lib)}.json`;
          const compilerOptions = {
            target: "es2022",
            module: resolution.module,
            moduleResolution: resolution.moduleResolution,
            lib: lib.lib,
            types: lib.types,
            strict: true,
            exactOptionalPropertyTypes: true,
            noPropertyAccessFromIndexSignature: true,
            noUncheckedIndexedAccess: true,
            // TypeScript 5.8 added erasableSyntaxOnly; older compilers refuse unknown options.
            ...(ts ? {} : { erasableSyntaxOnly: true }),
            skipLibCheck: false,
            noEmit: true,
          };
          writeFileSync(join(app, config), JSON.stringify({ compilerOptions, include: lib.files }));
          const result = await run(process.execPath, [compiler(), "-p", config], { cwd: app }).catch((e) => e);
          expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
        },
        SLOW_MS,
      );
    }
  },
);

/** What the kit scenario (fixtures/kit-scenario.mjs) must report on every runtime. */
const KIT_EXPECTED = {
  valid: "200 true",
  refused: "400 body /name required",
  responded: 401,
  fakeAnswer: "TypeError",
  calls: "testApiKey 200, createCampaign 400, testApiKey 401",
  delivery: "known resident.created",
  stale: "stale_timestamp",
  loopsDelivery: "known contact.created",
};

describe("the testing kit (loop-api-clients/testing), offline", () => {
  it("Node.js 20: the kit scenario (in-process mock, respond, signed deliveries)", async () => {
    expect(await runScenario(process.execPath, ["kit.mjs"])).toEqual(KIT_EXPECTED);
  });

  it("Bun: the kit scenario", async () => {
    expect(await runScenario(bin("bun"), ["kit.mjs"])).toEqual(KIT_EXPECTED);
  });

  it(
    "Deno: the kit scenario, without network access",
    async () => {
      expect(await runScenario(bin("deno"), ["run", "--allow-read", "--allow-env", "kit.mjs"])).toEqual(KIT_EXPECTED);
    },
    SLOW_MS,
  );

  it.skipIf(noBrowser)(
    "Chromium: the kit's bundle runs the scenario in a page",
    async () => {
      await build({
        entryPoints: [join(app, "kit-browser.mjs")],
        outfile: join(app, "kit-web", "app.js"),
        bundle: true,
        format: "esm",
        platform: "browser",
        absWorkingDir: app,
        logLevel: "silent",
      });
      writeFileSync(join(app, "kit-web", "index.html"), '<!doctype html><script type="module" src="app.js"></script>');
      const site = await serveStatic(join(app, "kit-web"));
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(site.origin);
        const result = await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
        expect(result).toEqual({ value: KIT_EXPECTED });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
        await site.close();
      }
    },
    SLOW_MS,
  );

  it(
    "a user's vitest suite: the `fetch` option, and MSW 2's setupServer with the kit's handlers",
    async () => {
      // The user's own vitest and msw: the repository's, linked into the scratch project.
      for (const dep of ["vitest", "msw"]) {
        symlinkSync(join(repoRoot, "node_modules", dep), join(app, "node_modules", dep), "dir");
      }
      const vitest = join(repoRoot, "node_modules", "vitest", "vitest.mjs");
      const result = await run(process.execPath, [vitest, "run", "--root", app, "kit.test.mjs"], {
        cwd: app,
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "true" },
        timeout: 120_000,
      }).catch((e) => e);
      expect(`${result.stdout}${result.stderr}`).toMatch(/Tests\s+2 passed \(2\)/);
    },
    SLOW_MS,
  );

  it(
    "the bin: `loop-api-clients mock` from the installed package serves the mocks",
    async () => {
      const child = spawn(join(app, "node_modules", ".bin", "loop-api-clients"), ["mock", "--port", "0"], { cwd: app });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
      try {
        for (let i = 0; i < 300 && !stdout.includes("mocks ready"); i++) await new Promise((r) => setTimeout(r, 100));
        const url = /loops\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
        expect(url, stdout).toBeDefined();
        const answer = await fetch(`${url}/v1/api-key`, { headers: { authorization: "Bearer test-loops-key" } });
        expect(answer.status).toBe(200);
        expect(await answer.json()).toMatchObject({ success: true });
      } finally {
        child.kill("SIGTERM");
      }
    },
    SLOW_MS,
  );
});
