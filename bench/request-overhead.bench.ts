// Per-request cost of each client with all of its runtime on (auth, path safety, idempotency
// middleware, retries armed, per-attempt timeout, a token bucket too generous to throttle) against
// raw `fetch` of the same URL, and against bare openapi-fetch (no runtime) for the share that is
// openapi-fetch's own, on a loopback node:http server in a child process. Sequential requests;
// each round runs the three sides in a rotating order so all see the same machine state.
//   npx tsx bench/request-overhead.bench.ts [--rounds 20] [--requests 200]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { createLifeLoopClient } from "../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../src/clients/loopmessage.ts";
import { createLoopsClient } from "../src/clients/loops.ts";
import type { LifeLoopPaths } from "../src/clients/lifeloop.ts";
import type { LoopMessagePaths } from "../src/clients/loopmessage.ts";
import type { LoopsPaths } from "../src/clients/loops.ts";
import { fmtUs, median, table } from "./lib.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "20" }, requests: { type: "string", default: "200" } } });
const rounds = Number(values.rounds);
const perRound = Number(values.requests);

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
const child = spawn(process.execPath, ["-e", serverCode], { stdio: ["ignore", "pipe", "inherit"] });
const [portLine] = (await once(child.stdout!, "data")) as [Buffer];
const origin = `http://127.0.0.1:${portLine.toString().trim()}`;

const runtime = { maxRetries: 2, timeoutMs: 30_000, rateLimit: { requestsPerSecond: 1e9 } } as const;
const loops = createLoopsClient({ apiKey: "loops_bench_key_0123456789", baseUrl: `${origin}/loops`, ...runtime });
const lifeloop = createLifeLoopClient({ token: "ll_bench_token_0123456789", tenant: "sunrise-001", baseUrl: `${origin}/ll`, ...runtime });
const loopmessage = createLoopMessageClient({
  apiKey: "lm_bench_key_0123456789",
  servers: { "https://a.loopmessage.com": `${origin}/lm`, "https://t.imsg.link": `${origin}/lmt` },
  ...runtime,
});

// Bare openapi-fetch with the same base URLs and headers: no middleware, no retries, no timeout.
const bare = {
  loops: createClient<LoopsPaths>({ baseUrl: `${origin}/loops`, headers: { Accept: "application/json", Authorization: "Bearer loops_bench_key_0123456789" } }),
  lifeloop: createClient<LifeLoopPaths>({ baseUrl: `${origin}/ll`, headers: { Accept: "application/json", Authorization: "Bearer ll_bench_token_0123456789" } }),
  loopmessage: createClient<LoopMessagePaths>({ baseUrl: `${origin}/lm`, headers: { Accept: "application/json", Authorization: "lm_bench_key_0123456789" } }),
};

const json = { Accept: "application/json" };
const post = (url: string, headers: Record<string, string>, body: unknown) =>
  fetch(url, { method: "POST", headers: { ...json, "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });

interface Case {
  name: string;
  raw: () => Promise<unknown>;
  bare: () => Promise<unknown>;
  client: () => Promise<unknown>;
}

/** Raw fetch does what a careful caller would: same URL, same headers, read the JSON body. */
const cases: Case[] = [
  {
    name: "Loops `GET /contacts/find`",
    raw: async () => (await fetch(`${origin}/loops/contacts/find?email=a%40b.c`, { headers: { ...json, Authorization: "Bearer loops_bench_key_0123456789" } })).json(),
    bare: () => bare.loops.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
    client: () => loops.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
  },
  {
    name: "Loops `POST /events/send` (key generated)",
    raw: async () =>
      (await post(`${origin}/loops/events/send`, { Authorization: "Bearer loops_bench_key_0123456789", "Idempotency-Key": crypto.randomUUID() }, { email: "a@b.c", eventName: "signup" })).json(),
    bare: () => bare.loops.POST("/events/send", { body: { email: "a@b.c", eventName: "signup" }, params: { header: { "Idempotency-Key": crypto.randomUUID() } } }),
    client: () => loops.POST("/events/send", { body: { email: "a@b.c", eventName: "signup" } }),
  },
  {
    name: "LifeLoop `GET /facilities/{facilityId}`",
    raw: async () => (await fetch(`${origin}/ll/sunrise-001/facilities/fac-001`, { headers: { ...json, Authorization: "Bearer ll_bench_token_0123456789" } })).json(),
    bare: () => bare.lifeloop.GET("/{tenant}/facilities/{facilityId}", { params: { path: { tenant: "sunrise-001", facilityId: "fac-001" } } }),
    client: () => lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac-001" } } }),
  },
  {
    name: "LoopMessage `GET /v1/message/status/{id}/`",
    raw: async () => (await fetch(`${origin}/lm/v1/message/status/m-1/`, { headers: { ...json, Authorization: "lm_bench_key_0123456789" } })).json(),
    bare: () => bare.loopmessage.GET("/v1/message/status/{id}/", { params: { path: { id: "m-1" } } }),
    client: () => loopmessage.GET("/v1/message/status/{id}/", { params: { path: { id: "m-1" } } }),
  },
];

/** Mean per-request milliseconds over `n` sequential requests. */
async function time(fn: () => Promise<unknown>, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

// Warm-up: JIT, connection pool, all paths.
for (const c of cases) for (const side of [c.raw, c.bare, c.client]) await time(side, perRound);

const rows: (string | number)[][] = [];
for (const c of cases) {
  const sides = { raw: [] as number[], bare: [] as number[], client: [] as number[] };
  const order = ["raw", "bare", "client"] as const;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < 3; k++) {
      const side = order[(r + k) % 3]!;
      sides[side].push(await time(c[side], perRound));
    }
  }
  const [raw, bareMs, client] = [median(sides.raw), median(sides.bare), median(sides.client)];
  const ratio = client / raw;
  rows.push([
    c.name,
    fmtUs(raw),
    fmtUs(bareMs),
    fmtUs(client),
    `${fmtUs(client - raw)} (${fmtUs(client - bareMs)})`,
    `${ratio.toFixed(2)}× (${(bareMs / raw).toFixed(2)}×)`,
    ratio <= 1.1 ? "yes" : "**no**",
  ]);
}
child.kill();

console.log(`node ${process.version}, ${rounds} rounds × ${perRound} sequential requests per side, medians of per-round means`);
console.log(
  table(
    ["request", "raw fetch", "openapi-fetch alone", "client (full runtime)", "client − raw (− openapi-fetch)", "client / raw (openapi-fetch / raw)", "≤ 1.10×"],
    rows,
  ),
);
