// Per-request cost of each client with all of its runtime on (auth, path safety, idempotency
// middleware, retries armed, per-attempt timeout, a token bucket too generous to throttle) against
// raw `fetch` of the same URL, on a loopback node:http server in a child process. Also: raw fetch
// with the same cancellable timeout written by hand, and bare openapi-fetch (no runtime).
//
// The clients are bundled with esbuild first (what an app ships; running the TypeScript through
// tsx would add a `__name()` call per closure). Wall-clock noise on a small VM is larger than the
// 10 % being measured, so: the client process and the server are pinned to different cores when
// `taskset` exists, rounds are short (30 requests) and many, every round runs all sides in a
// rotating order, and the ratio reported is the median over rounds of side / raw within the round
// (a paired comparison, which cancels the machine's slow drift). An A/A check (raw against a second,
// identical raw side) is printed so the noise floor of the run is on record next to the result.
// `--baseline DIR` adds the clients of another checkout (e.g. `git worktree add /tmp/base HEAD~1`)
// as "client (baseline)" sides of the same run, for before/after figures measured side by side.
//   npx tsx bench/request-overhead.bench.ts [--rounds 300] [--requests 30] [--baseline DIR]
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { repoRoot } from "../scripts/lib/apis.ts";
import type openapiFetch from "openapi-fetch";
import type { createLifeLoopClient } from "../src/clients/lifeloop.ts";
import type { createLoopMessageClient } from "../src/clients/loopmessage.ts";
import type { createLoopsClient, LoopsPaths } from "../src/clients/loops.ts";
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

// Bundle the clients (not minified: same code, readable profiles); the baseline's from its own tree.
const dir = mkdtempSync(join(tmpdir(), "bench-overhead-"));
/** What a bundle exports: the three factories, and openapi-fetch for the bare side. */
interface Bundle {
  createClient: typeof openapiFetch;
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
  });
  return import(pathToFileURL(out).href);
}
const current = await bundle(repoRoot, "current");
const baseline = values.baseline ? await bundle(resolve(values.baseline), "baseline") : undefined;
rmSync(dir, { recursive: true });
const { createClient } = current;

const runtime = { maxRetries: 2, timeoutMs: 30_000, rateLimit: { requestsPerSecond: 1e9 } } as const;
function clients({ createLoopsClient, createLifeLoopClient, createLoopMessageClient }: Bundle) {
  const loopsOptions = { apiKey: "loops_bench_key_0123456789", baseUrl: `${origin}/loops`, ...runtime };
  return {
    loops: createLoopsClient(loopsOptions),
    lifeloop: createLifeLoopClient({
      token: "ll_bench_token_0123456789",
      tenant: "sunrise-001",
      baseUrl: `${origin}/ll`,
      ...runtime,
    }),
    loopmessage: createLoopMessageClient({
      apiKey: "lm_bench_key_0123456789",
      servers: { "https://a.loopmessage.com": `${origin}/lm`, "https://t.imsg.link": `${origin}/lmt` },
      ...runtime,
    }),
    // With one no-op caller middleware, calls build real Requests (see src/runtime/pending-request.ts).
    loopsWithMiddleware: createLoopsClient({ ...loopsOptions, middleware: [{ onRequest: () => undefined }] }),
  };
}
const { loops, lifeloop, loopmessage, loopsWithMiddleware } = clients(current);
const base = baseline && clients(baseline);
const bareLoops = createClient<LoopsPaths>({
  baseUrl: `${origin}/loops`,
  headers: { Accept: "application/json", Authorization: "Bearer loops_bench_key_0123456789" },
});

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
/** The same with a cancellable per-request timeout, as the runtime has. */
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
const loopsAuth = { Authorization: "Bearer loops_bench_key_0123456789" };
const query = { params: { query: { email: "a@b.c" } } } as const;
const event = { email: "a@b.c", eventName: "signup" };
const cases: Case[] = [
  {
    name: "Loops `GET /v1/contacts/find`",
    raw: () => raw("/loops/v1/contacts/find?email=a%40b.c", loopsAuth),
    sides: {
      "raw (A/A)": () => raw("/loops/v1/contacts/find?email=a%40b.c", loopsAuth),
      "raw + timeout": () => rawWithTimeout("/loops/v1/contacts/find?email=a%40b.c", loopsAuth),
      "openapi-fetch alone": () => bareLoops.GET("/v1/contacts/find", query),
      client: () => loops.GET("/v1/contacts/find", query),
      "client, one caller middleware": () => loopsWithMiddleware.GET("/v1/contacts/find", query),
      ...(base && {
        "client (baseline)": () => base.loops.GET("/v1/contacts/find", query),
        "client, one caller middleware (baseline)": () => base.loopsWithMiddleware.GET("/v1/contacts/find", query),
      }),
    },
  },
  {
    name: "Loops `POST /v1/events/send` (key generated)",
    raw: () => raw("/loops/v1/events/send", { ...loopsAuth, "Idempotency-Key": crypto.randomUUID() }, event),
    sides: {
      "raw + timeout": () =>
        rawWithTimeout("/loops/v1/events/send", { ...loopsAuth, "Idempotency-Key": crypto.randomUUID() }, event),
      client: () => loops.POST("/v1/events/send", { body: event }),
      ...(base && { "client (baseline)": () => base.loops.POST("/v1/events/send", { body: event }) }),
    },
  },
  {
    name: "LifeLoop `GET /facilities/{facilityId}`",
    raw: () => raw("/ll/sunrise-001/facilities/fac-001", { Authorization: "Bearer ll_bench_token_0123456789" }),
    sides: {
      "raw + timeout": () =>
        rawWithTimeout("/ll/sunrise-001/facilities/fac-001", { Authorization: "Bearer ll_bench_token_0123456789" }),
      client: () => lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac-001" } } }),
      ...(base && {
        "client (baseline)": () =>
          base.lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac-001" } } }),
      }),
    },
  },
  {
    name: "LoopMessage `GET /v1/message/status/{id}/`",
    raw: () => raw("/lm/v1/message/status/m-1/", { Authorization: "lm_bench_key_0123456789" }),
    sides: {
      "raw + timeout": () => rawWithTimeout("/lm/v1/message/status/m-1/", { Authorization: "lm_bench_key_0123456789" }),
      client: () => loopmessage.GET("/v1/message/status/{id}/", { params: { path: { id: "m-1" } } }),
      ...(base && {
        "client (baseline)": () =>
          base.loopmessage.GET("/v1/message/status/{id}/", { params: { path: { id: "m-1" } } }),
      }),
    },
  },
];

/** Mean per-request milliseconds over `n` sequential requests. */
async function time(fn: Side, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

const rows: string[][] = [];
for (const c of cases) {
  const sides: [string, Side][] = [["raw", c.raw], ...Object.entries(c.sides)];
  for (const [, fn] of sides) await time(fn, 1000); // warm-up: JIT, connection pool
  const ms = sides.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < sides.length; k++) {
      const i = (r + k) % sides.length;
      ms[i]!.push(await time(sides[i]![1], perRound));
    }
  const rawMs = ms[0]!;
  sides.forEach(([name], i) => {
    if (i === 0) return rows.push([c.name, "raw fetch", fmtUs(median(rawMs)), "1.00×", ""]);
    const ratio = median(ms[i]!.map((v, r) => v / rawMs[r]!));
    const verdict = name.startsWith("client") ? (ratio <= 1.1 ? "yes" : "**no**") : "";
    rows.push(["", name, fmtUs(median(ms[i]!)), `${ratio.toFixed(3)}×`, verdict]);
  });
}
child.kill();

console.log(
  `node ${process.version}, ${pin ? "client and server pinned to cores 0 and 1" : "not pinned"}, ` +
    `${rounds} rounds × ${perRound} sequential requests per side` +
    (values.baseline ? `; baseline: ${values.baseline}` : ""),
);
console.log(
  table(["request", "side", "median per request", "side / raw (median of per-round ratios)", "≤ 1.10×"], rows),
);
