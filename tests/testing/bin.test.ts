// `npx loop-api-clients mock` (src/bin/loop-api-clients.ts), run from source as a child process on
// any free ports: each API's client, pointed at the URL it prints, gets the in-process mock's
// answers over HTTP (valid, refused, 401); preflights get CORS; a signal stops it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { createLifeLoopClient } from "../../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../../src/clients/loopmessage.ts";
import { createLoopsClient } from "../../src/clients/loops.ts";

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const child = spawn(process.execPath, [tsx, join(repoRoot, "src/bin/loop-api-clients.ts"), "mock", "--port", "0"], {
  cwd: repoRoot,
  stdio: ["ignore", "pipe", "pipe"],
});
let stdout = "";
child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
const urls = new Map<string, string>();

beforeAll(async () => {
  const deadline = Date.now() + 30_000;
  while (!stdout.includes("mocks ready")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the mock command did not start:\n${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const [, name, url] of stdout.matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+point the client/gm)) {
    urls.set(name!, url!);
  }
}, 40_000);

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

it("prints one loopback URL per API", () => {
  expect([...urls.keys()]).toEqual(["loops", "lifeloop", "loopmessage"]);
});

it("answers each client as the in-process mock does: valid, refused, without credentials", async () => {
  const loops = createLoopsClient({ apiKey: "test-loops-key", baseUrl: urls.get("loops")!, maxRetries: 0 });
  expect((await loops.GET("/v1/api-key")).data).toMatchObject({ success: true });
  const refused = await loops.POST("/v1/campaigns", { body: {} as never });
  expect(refused.response.status).toBe(400);
  expect(refused.error).toMatchObject({ errors: [{ in: "body", pointer: "/name", rule: "required" }] });
  expect((await fetch(`${urls.get("loops")}/v1/api-key`)).status).toBe(401);

  const lifeloop = createLifeLoopClient({
    token: "test-lifeloop-token",
    tenant: "sunrise-001",
    baseUrl: urls.get("lifeloop")!,
    maxRetries: 0,
  });
  expect((await lifeloop.GET("/facilities")).response.status).toBe(200);

  const url = urls.get("loopmessage")!;
  const loopMessage = createLoopMessageClient({
    apiKey: "test-loopmessage-key",
    servers: { "https://a.loopmessage.com": url, "https://t.imsg.link": url },
    maxRetries: 0,
  } as never);
  const optIn = await loopMessage.GET(
    "/tracker-api/v1/generate-url/{organization_id}/" as never,
    {
      params: { path: { organization_id: "org_1" } },
    } as never,
  );
  expect(optIn.response.status).toBe(200);
});

it("answers a browser's preflight from another origin, and exposes the answer to it", async () => {
  const preflight = await fetch(`${urls.get("loops")}/v1/campaigns`, {
    method: "OPTIONS",
    headers: {
      Origin: "http://localhost:5173",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization,content-type");
  const answer = await fetch(`${urls.get("loops")}/v1/api-key`, {
    headers: { Origin: "http://localhost:5173", authorization: "Bearer test-loops-key" },
  });
  expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
});

it("stops on SIGTERM", async () => {
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(stdout).toContain("stopped (SIGTERM)");
});
