// Per-request cost of each client with every runtime feature on (auth, path safety, the idempotency
// key, 2 retries armed, a per-attempt timeout, a call deadline, a rate limiter too generous to
// throttle, the response size limit) against its two peers on the same request: bare openapi-fetch
// (the library the clients are built on, no runtime at all) and Stainless' `openai` client (its
// generic `get` / `post`, with the same retries and timeout). Raw `fetch`, alone and with a
// cancellable timeout, is the reference. All go to a loopback node:http server in a child process.
//
// Budget: the client ≤ 1.15× bare openapi-fetch and ≤ 0.85× the openai client.
//
// Everything runs bundled by esbuild (what an app ships; under tsx every closure would get a
// `__name()` call). Wall-clock noise on a small VM is as large as the differences measured, so:
// the client process and the server are pinned to different cores when `taskset` exists, rounds
// are short (30 requests) and many, every round runs all sides in a rotating order, and each ratio
// is the median over rounds of side / other side within the same round (a paired comparison, which
// cancels the machine's slow drift). An A/A row (raw against an identical raw side) shows the noise
// floor of the run. `--baseline DIR` adds the clients of another checkout (e.g. `git worktree add
// /tmp/base HEAD~1`) as "(baseline)" sides, for before/after figures measured side by side.
//   npx tsx bench/request-overhead.bench.ts [--rounds 300] [--requests 30] [--baseline DIR]
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import type OpenAI from "openai";
import type openapiFetch from "openapi-fetch";
import { repoRoot } from "../scripts/lib/apis.ts";
import type { createLifeLoopClient } from "../src/clients/lifeloop.ts";
import type { createLoopMessageClient } from "../src/clients/loopmessage.ts";
import type { createLoopsClient, LoopsPaths } from "../src/clients/loops.ts";
import { operations as loopsOperations } from "../generated/loops/operations.ts";
import { servers as loopmessageServers } from "../generated/loopmessage/operations.ts";
import { pathOf } from "../tests/support/operation-path.ts";
import { fmtUs, median, table } from "./lib.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "300" },
    requests: { type: "string", default: "30" },
    baseline: { type: "string" },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

// Pin this process to core 0 (re-exec under taskset) and the server to core 1, when possible.
const pin =
  !!process.env.BENCH_PINNED || (availableParallelism() >= 2 && spawnSync("taskset", ["-c", "0", "true"]).status === 0);
if (pin && !process.env.BENCH_PINNED) {
  const self = spawnSync("taskset", ["-c", "0", process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_PINNED: "1" },
  });
  process.exit(self.status ?? 1);
}

// The server: every request gets a small JSON body (what the clients parse), keep-alive on.
const serverCode = `
const http = require("node:http");
const body = JSON.stringify({ success: true, id: "x1", email: "a@b.c", data: { id: "fac-001", name: "Sunrise" } });
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;
const [cmd, ...args] = [...(pin ? ["taskset", "-c", "1"] : []), process.execPath, "-e", serverCode];
const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "inherit"] });
const [portLine] = (await once(child.stdout!, "data")) as [Buffer];
const origin = `http://127.0.0.1:${portLine.toString().trim()}`;

// Bundle the clients and both peers (not minified: same code, readable profiles); a baseline's
// clients from its own tree.
const dir = mkdtempSync(join(tmpdir(), "bench-overhead-"));
interface Bundle {
  createClient: typeof openapiFetch;
  OpenAI: typeof OpenAI;
  createLoopsClient: typeof createLoopsClient;
  createLifeLoopClient: typeof createLifeLoopClient;
  createLoopMessageClient: typeof createLoopMessageClient;
}
async function bundle(root: string, name: string): Promise<Bundle> {
  const entry = join(dir, `${name}-entry.ts`);
  const src = (file: string) => JSON.stringify(join(root, "src/clients", file));
  writeFileSync(
    entry,
    `export { default as createClient } from "openapi-fetch";
export { default as OpenAI } from "openai";
export { createLifeLoopClient } from ${src("lifeloop.ts")};
export { createLoopMessageClient } from ${src("loopmessage.ts")};
export { createLoopsClient } from ${src("loops.ts")};`,
  );
  const out = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: out,
    nodePaths: [join(repoRoot, "node_modules")],
    // openai's optional integrations (realtime, cloud credentials, zod helpers), never loaded here.
    external: ["ws", "zod", "zod/*", "@aws-sdk/*", "@smithy/*", "google-auth-library", "undici"],
    logLevel: "error",
  });
  return import(pathToFileURL(out).href);
}
const current = await bundle(repoRoot, "current");
const baseline = values.baseline ? await bundle(resolve(values.baseline), "baseline") : undefined;
rmSync(dir, { recursive: true });
const { createClient, OpenAI: Stainless } = current;

const LOOPS_KEY = "loops_bench_key_0123456789";
const LIFELOOP_TOKEN = "ll_bench_token_0123456789";
const LOOPMESSAGE_KEY = "lm_bench_key_0123456789";
const FIND = pathOf(loopsOperations, "findContact");
const SEND = pathOf(loopsOperations, "sendEvent");
const runtime = {
  maxRetries: 2,
  timeoutMs: 30_000,
  deadlineMs: 60_000,
  rateLimit: { requestsPerSecond: 1e9 },
} as const;
function clients({ createLoopsClient, createLifeLoopClient, createLoopMessageClient }: Bundle) {
  const loopsOptions = { apiKey: LOOPS_KEY, baseUrl: `${origin}/loops`, ...runtime };
  return {
    loops: createLoopsClient(loopsOptions),
    lifeloop: createLifeLoopClient({
      token: LIFELOOP_TOKEN,
      tenant: "sunrise-001",
      baseUrl: `${origin}/ll`,
      ...runtime,
    }),
    loopmessage: createLoopMessageClient({
      apiKey: LOOPMESSAGE_KEY,
      // Every host of the spec to this server, each under its own prefix.
      servers: Object.fromEntries(loopmessageServers.map((host, i) => [host, `${origin}/lm${i}`])),
      ...runtime,
    }),
    // One no-op caller middleware: openapi-fetch then runs its middleware machinery.
    loopsWithMiddleware: createLoopsClient({ ...loopsOptions, middleware: [{ onRequest: () => undefined }] }),
  };
}
const { loops, lifeloop, loopmessage, loopsWithMiddleware } = clients(current);
const base = baseline && clients(baseline);

// The peers, on the same URLs with the same credentials: openapi-fetch with no runtime, and openai
// with 2 retries and the same timeout (its own defaults otherwise).
const bare = (baseUrl: string, authorization: string) =>
  createClient<any>({ baseUrl, headers: { Accept: "application/json", Authorization: authorization } });
const bareLoops = createClient<LoopsPaths>({
  baseUrl: `${origin}/loops`,
  headers: { Accept: "application/json", Authorization: `Bearer ${LOOPS_KEY}` },
});
const bareLifeLoop = bare(`${origin}/ll/sunrise-001`, `Bearer ${LIFELOOP_TOKEN}`);
const bareLoopMessage = bare(`${origin}/lm0`, LOOPMESSAGE_KEY);
const stainless = (baseURL: string, apiKey: string) =>
  new Stainless({ apiKey, baseURL, maxRetries: 2, timeout: 30_000 });
const openaiLoops = stainless(`${origin}/loops`, LOOPS_KEY);
const openaiLifeLoop = stainless(`${origin}/ll/sunrise-001`, LIFELOOP_TOKEN);
const openaiLoopMessage = stainless(`${origin}/lm0`, LOOPMESSAGE_KEY);

const json = { Accept: "application/json" };
/** What a careful caller writes by hand: same URL and headers, read the JSON body. */
const raw = (path: string, headers: Record<string, string>, body?: unknown, signal?: AbortSignal) =>
  fetch(`${origin}${path}`, {
    ...(body === undefined
      ? { headers: { ...json, ...headers } }
      : {
          method: "POST",
          headers: { ...json, "Content-Type": "application/json", ...headers },
          body: JSON.stringify(body),
        }),
    signal,
  }).then((r) => r.json());
/** The same with a cancellable per-request timeout, as every client here has. */
const rawWithTimeout = async (path: string, headers: Record<string, string>, body?: unknown) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await raw(path, headers, body, controller.signal);
  } finally {
    clearTimeout(timer);
  }
};

type Side = () => Promise<unknown>;
interface Case {
  name: string;
  raw: Side;
  sides: Record<string, Side>;
}
const loopsAuth = { Authorization: `Bearer ${LOOPS_KEY}` };
const query = { params: { query: { email: "a@b.c" } } } as const;
const event = { email: "a@b.c", eventName: "signup" };
const keyed = () => ({ "Idempotency-Key": crypto.randomUUID() });
const facility = { params: { path: { facilityId: "fac-001" } } } as const;
const status = { params: { path: { id: "m-1" } } } as const;
const cases: Case[] = [
  {
    name: `Loops \`GET ${FIND}\``,
    raw: () => raw(`/loops${FIND}?email=a%40b.c`, loopsAuth),
    sides: {
      "raw (A/A)": () => raw(`/loops${FIND}?email=a%40b.c`, loopsAuth),
      "raw + timeout": () => rawWithTimeout(`/loops${FIND}?email=a%40b.c`, loopsAuth),
      "openapi-fetch alone": () => bareLoops.GET(FIND, query),
      "openai (Stainless)": () => openaiLoops.get(FIND, { query: { email: "a@b.c" } }),
      client: () => loops.GET(FIND, query),
      "client, one caller middleware": () => loopsWithMiddleware.GET(FIND, query),
      ...(base && {
        "client (baseline)": () => base.loops.GET(FIND, query),
        "client, one caller middleware (baseline)": () => base.loopsWithMiddleware.GET(FIND, query),
      }),
    },
  },
  {
    name: `Loops \`POST ${SEND}\` (key generated)`,
    raw: () => raw(`/loops${SEND}`, { ...loopsAuth, ...keyed() }, event),
    sides: {
      "raw + timeout": () => rawWithTimeout(`/loops${SEND}`, { ...loopsAuth, ...keyed() }, event),
      "openapi-fetch alone": () => bareLoops.POST(SEND, { body: event, params: { header: keyed() } }),
      "openai (Stainless)": () => openaiLoops.post(SEND, { body: event, headers: keyed() }),
      client: () => loops.POST(SEND, { body: event }),
      ...(base && { "client (baseline)": () => base.loops.POST(SEND, { body: event }) }),
    },
  },
  {
    name: "LifeLoop `GET /facilities/{facilityId}`",
    raw: () => raw("/ll/sunrise-001/facilities/fac-001", { Authorization: `Bearer ${LIFELOOP_TOKEN}` }),
    sides: {
      "raw + timeout": () =>
        rawWithTimeout("/ll/sunrise-001/facilities/fac-001", { Authorization: `Bearer ${LIFELOOP_TOKEN}` }),
      "openapi-fetch alone": () => bareLifeLoop.GET("/facilities/{facilityId}", facility),
      "openai (Stainless)": () => openaiLifeLoop.get("/facilities/fac-001"),
      client: () => lifeloop.GET("/facilities/{facilityId}", facility),
      ...(base && { "client (baseline)": () => base.lifeloop.GET("/facilities/{facilityId}", facility) }),
    },
  },
  {
    name: "LoopMessage `GET /v1/message/status/{id}/`",
    raw: () => raw("/lm0/v1/message/status/m-1/", { Authorization: LOOPMESSAGE_KEY }),
    sides: {
      "raw + timeout": () => rawWithTimeout("/lm0/v1/message/status/m-1/", { Authorization: LOOPMESSAGE_KEY }),
      "openapi-fetch alone": () => bareLoopMessage.GET("/v1/message/status/{id}/", status),
      "openai (Stainless)": () => openaiLoopMessage.get("/v1/message/status/m-1/"),
      client: () => loopmessage.GET("/v1/message/status/{id}/", status),
      ...(base && { "client (baseline)": () => base.loopmessage.GET("/v1/message/status/{id}/", status) }),
    },
  },
];

/** Mean per-request milliseconds over `n` sequential requests. */
async function time(fn: Side, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

/** Median over rounds of a / b within the same round. */
const paired = (a: number[], b: number[] | undefined) =>
  b ? `${median(a.map((v, r) => v / b[r]!)).toFixed(3)}×` : "—";

const rows: string[][] = [];
const verdicts: string[][] = [];
for (const c of cases) {
  const sides: [string, Side][] = [["raw fetch", c.raw], ...Object.entries(c.sides)];
  for (const [, fn] of sides) await time(fn, 1000); // warm-up: JIT, connection pool
  const ms = sides.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      ms[i]!.push(await time(sides[i]![1], perRound));
    }
  const of = (name: string) => ms[sides.findIndex(([n]) => n === name)];
  const [rawMs, bareMs, openaiMs] = [of("raw fetch")!, of("openapi-fetch alone"), of("openai (Stainless)")];
  sides.forEach(([name], i) => {
    rows.push([
      i === 0 ? c.name : "",
      name,
      fmtUs(median(ms[i]!)),
      paired(ms[i]!, rawMs),
      paired(ms[i]!, bareMs),
      paired(ms[i]!, openaiMs),
    ]);
  });
  const client = of("client")!;
  const vsBare = median(client.map((v, r) => v / bareMs![r]!));
  const vsOpenai = median(client.map((v, r) => v / openaiMs![r]!));
  verdicts.push([
    c.name,
    `${vsBare.toFixed(3)}× ${vsBare <= 1.15 ? "✓" : "✗"}`,
    `${vsOpenai.toFixed(3)}× ${vsOpenai <= 0.85 ? "✓" : "✗"}`,
  ]);
}
child.kill();

console.log(
  `node ${process.version}, ${pin ? "client and server pinned to cores 0 and 1" : "not pinned"}, ` +
    `${rounds} rounds × ${perRound} sequential requests per side` +
    (values.baseline ? `; baseline: ${values.baseline}` : ""),
);
console.log(table(["request", "side", "median per request", "/ raw fetch", "/ openapi-fetch alone", "/ openai"], rows));
console.log();
console.log(table(["request", "client / openapi-fetch (≤ 1.15×)", "client / openai (≤ 0.85×)"], verdicts));
