// Every script in examples/ (except env.ts) runs as a user would run it, `tsx examples/<file>.ts`,
// against the run's Prism mocks of every API (tests/contract/prism-setup.ts), and must exit 0 with its expected
// output. The list comes from the folder, so a new example cannot be left out: it fails here until
// it has its expected lines below.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";

const examplesDir = join(repoRoot, "examples");
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
// A backstop against a hang, far beyond a busy machine's times: never a verdict.
const RUN_TIMEOUT_MS = 120_000;

const examples = readdirSync(examplesDir)
  .filter((file) => file.endsWith(".ts") && file !== "env.ts")
  .sort();

/** The lines each example must print against the mocks (each a regex matched against one whole line). */
const expectedLines: Record<string, RegExp[]> = {
  "lifeloop-family-flow.ts": [
    /^lifeloop: mock at http:\/\/127\.0\.0\.1:\d+$/,
    /^loopmessage: mock at http:\/\/127\.0\.0\.1:\d+$/,
    /^loops: mock at http:\/\/127\.0\.0\.1:\d+$/,
    /^webhook verified \(signed sample\): resident\.created evt-example-001 for resident res-001$/,
    /^resident: .+ \(res-001\)$/,
    /^connections: 1$/,
    /^imessage queued for Maura Edmond: [0-9a-f-]{36}$/,
    /^loops event residentMovedIn sent for connection con-001 \(idempotency key evt-example-001:con-001\)$/,
    /^done$/,
  ],
  "page-through-residents.ts": [
    /^lifeloop: mock at http:\/\/127\.0\.0\.1:\d+$/,
    /^resident res-001: Aileen Edmond \(active\)$/,
    /^resident res-002: Walter Brennan \(on_leave\)$/,
    /^2 residents in facility fac-001$/,
  ],
  "loops-transactional.ts": [
    /^loops: mock at http:\/\/127\.0\.0\.1:\d+$/,
    /^transactional clfq6dinn000yl70fgwwyp82l sent: success=true \(idempotency key example-[0-9a-f-]{36}\)$/,
    /^transactional no-such-transactional-email not sent: no such transactional email \(.+\)$/,
    /^done$/,
  ],
};

const apis = loadApis();
/** Every variable the examples read starts with an API's prefix: LOOPS_, LIFELOOP_, LOOPMESSAGE_. */
const prefixes = apis.map((api) => `${api.name.toUpperCase()}_`);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runExample(
  file: string,
  env: NodeJS.ProcessEnv,
  options: { args?: string[]; stdin?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(examplesDir, file), ...(options.args ?? [])], {
      cwd: repoRoot,
      env,
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      timeout: RUN_TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean);

function expectLines(run: Run, expected: RegExp[]) {
  const printed = lines(run.stdout);
  for (const pattern of expected) {
    expect(
      printed.some((line) => pattern.test(line)),
      `no line matching ${pattern} in:\n${run.stdout}\n${run.stderr}`,
    ).toBe(true);
  }
}

describe("examples", () => {
  /** The environment of every run: no credentials from the caller, every base URL on a mock. */
  let mockEnv: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    mockEnv = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !prefixes.some((p) => name.startsWith(p))),
    );
    for (const api of apis) mockEnv[`${api.name.toUpperCase()}_BASE_URL`] = inject("mockUrls")[api.name];
  });

  it("finds the examples in examples/", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of examples) {
    it(`${file} runs against the mocks`, { timeout: RUN_TIMEOUT_MS + 5_000 }, async () => {
      const expected = expectedLines[file];
      expect(
        expected,
        `examples/${file} has no expected output lines in tests/examples/examples.test.ts`,
      ).toBeDefined();
      const run = await runExample(file, mockEnv);
      expect(run.signal, `examples/${file} was killed (time bound ${RUN_TIMEOUT_MS} ms)`).toBeNull();
      expect(run.code, `examples/${file} failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
      expectLines(run, expected!);
    });
  }

  it("every expected-output entry names an existing example", () => {
    expect(Object.keys(expectedLines).sort()).toEqual(examples);
  });

  it(
    "lifeloop-family-flow.ts verifies a delivery read from stdin, and refuses a bad signature",
    { timeout: 2 * RUN_TIMEOUT_MS },
    async () => {
      const secret = "whsec-examples-test-0123456789";
      const body = JSON.stringify({
        eventId: "evt-stdin-42",
        eventType: "resident.created",
        tenant: "sunrise-001",
        occurredAt: new Date().toISOString(), // the receiver refuses deliveries older than a day
        resourceId: "res-001",
      });
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const env = { ...mockEnv, LIFELOOP_WEBHOOK_SECRET: secret, LIFELOOP_WEBHOOK_SIGNATURE: signature };

      const good = await runExample("lifeloop-family-flow.ts", env, { args: ["--stdin"], stdin: body });
      expect(good.code, good.stderr).toBe(0);
      expectLines(good, [
        /^webhook verified \(stdin\): resident\.created evt-stdin-42 for resident res-001$/,
        /idempotency key evt-stdin-42:con-001/,
      ]);

      const tampered = await runExample("lifeloop-family-flow.ts", env, {
        args: ["--stdin"],
        stdin: body.replace("res-001", "res-002"),
      });
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toMatch(/^failed: WebhookVerificationError: /m);
      expect(tampered.stdout).not.toMatch(/webhook verified/);
      expect(`${tampered.stdout}${tampered.stderr}`).not.toContain(secret);
    },
  );

  it("uses the credentials when they are set, and never prints them", { timeout: RUN_TIMEOUT_MS + 5_000 }, async () => {
    // The mock accepts any bearer token, so it stands in for the real API here.
    const token = "lifeloop-token-that-must-not-be-printed";
    const run = await runExample("page-through-residents.ts", {
      ...mockEnv,
      LIFELOOP_TOKEN: token,
      LIFELOOP_TENANT: "sunrise-001",
    });
    expect(run.code, run.stderr).toBe(0);
    expectLines(run, [/^lifeloop: live at http:\/\/127\.0\.0\.1:\d+$/]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(token);
  });

  it(
    "exits non-zero when the API cannot be reached, without printing the credentials",
    { timeout: RUN_TIMEOUT_MS + 5_000 },
    async () => {
      const apiKey = "loops-key-that-must-not-be-printed";
      const run = await runExample("loops-transactional.ts", {
        ...mockEnv,
        LOOPS_API_KEY: apiKey,
        LOOPS_BASE_URL: "http://127.0.0.1:9/api/v1",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^failed: /m);
      expect(`${run.stdout}${run.stderr}`).not.toContain(apiKey);
    },
  );

  it("env.ts's default mock URLs are the ports `npm run mock` listens on", async () => {
    const { MOCK_URLS } = await import("../../examples/env.ts");
    const { MOCK_BASE_PORT: basePort } = await import("../../scripts/lib/prism-mock.ts");
    // `npm run mock`: one port per API, in redocly.yaml order, from MOCK_BASE_PORT.
    expect(MOCK_URLS).toEqual(Object.fromEntries(apis.map((api, i) => [api.name, `http://127.0.0.1:${basePort + i}`])));
  });
});
