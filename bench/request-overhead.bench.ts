// Per-request cost of each client with all of its runtime on (auth, path safety, idempotency
// middleware, retries armed, per-attempt timeout, a token bucket too generous to throttle) against
// raw `fetch` of the same URL, and against bare openapi-fetch (no runtime) for the share that is
// openapi-fetch's own, on a loopback node:http server in a child process. Sequential requests;
// each round runs the three sides in a rotating order so all see the same machine state.
// `--breakdown` adds a table splitting the Loops GET gap: openapi-fetch building a PendingRequest
// and calling fetch(url, init) with no runtime, then the same plus a per-attempt AbortController
// and timer (what the timeout costs), then the client.
//   npx tsx bench/request-overhead.bench.ts [--rounds 20] [--requests 200] [--breakdown]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { createLifeLoopClient } from "../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../src/clients/loopmessage.ts";
import { createLoopsClient } from "../src/clients/loops.ts";
import { PendingRequest } from "../src/runtime/pending-request.ts";
import type { LifeLoopPaths } from "../src/clients/lifeloop.ts";
import type { LoopMessagePaths } from "../src/clients/loopmessage.ts";
import type { LoopsPaths } from "../src/clients/loops.ts";
import { fmtUs, median, table } from "./lib.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    requests: { type: "string", default: "200" },
    breakdown: { type: "boolean", default: false },
  },
});
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
const lifeloop = createLifeLoopClient({
  token: "ll_bench_token_0123456789",
  tenant: "sunrise-001",
  baseUrl: `${origin}/ll`,
  ...runtime,
});
const loopmessage = createLoopMessageClient({
  apiKey: "lm_bench_key_0123456789",
  servers: { "https://a.loopmessage.com": `${origin}/lm`, "https://t.imsg.link": `${origin}/lmt` },
  ...runtime,
});

// The same Loops client with one no-op caller middleware: calls then build real Requests (the
// PendingRequest fast path is for calls no caller middleware sees).
const loopsWithMiddleware = createLoopsClient({
  apiKey: "loops_bench_key_0123456789",
  baseUrl: `${origin}/loops`,
  ...runtime,
  middleware: [{ onRequest: () => undefined }],
});

// Bare openapi-fetch with the same base URLs and headers: no middleware, no retries, no timeout.
const bare = {
  loops: createClient<LoopsPaths>({
    baseUrl: `${origin}/loops`,
    headers: { Accept: "application/json", Authorization: "Bearer loops_bench_key_0123456789" },
  }),
  lifeloop: createClient<LifeLoopPaths>({
    baseUrl: `${origin}/ll`,
    headers: { Accept: "application/json", Authorization: "Bearer ll_bench_token_0123456789" },
  }),
  loopmessage: createClient<LoopMessagePaths>({
    baseUrl: `${origin}/lm`,
    headers: { Accept: "application/json", Authorization: "lm_bench_key_0123456789" },
  }),
};

const json = { Accept: "application/json" };
const post = (url: string, headers: Record<string, string>, body: unknown) =>
  fetch(url, {
    method: "POST",
    headers: { ...json, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

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
    raw: async () =>
      (
        await fetch(`${origin}/loops/contacts/find?email=a%40b.c`, {
          headers: { ...json, Authorization: "Bearer loops_bench_key_0123456789" },
        })
      ).json(),
    bare: () => bare.loops.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
    client: () => loops.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
  },
  {
    name: "Loops `GET /contacts/find`, one caller middleware",
    raw: async () =>
      (
        await fetch(`${origin}/loops/contacts/find?email=a%40b.c`, {
          headers: { ...json, Authorization: "Bearer loops_bench_key_0123456789" },
        })
      ).json(),
    bare: () => bare.loops.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
    client: () => loopsWithMiddleware.GET("/contacts/find", { params: { query: { email: "a@b.c" } } }),
  },
  {
    name: "Loops `POST /events/send` (key generated)",
    raw: async () =>
      (
        await post(
          `${origin}/loops/events/send`,
          { Authorization: "Bearer loops_bench_key_0123456789", "Idempotency-Key": crypto.randomUUID() },
          { email: "a@b.c", eventName: "signup" },
        )
      ).json(),
    bare: () =>
      bare.loops.POST("/events/send", {
        body: { email: "a@b.c", eventName: "signup" },
        params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      }),
    client: () => loops.POST("/events/send", { body: { email: "a@b.c", eventName: "signup" } }),
  },
  {
    name: "LifeLoop `GET /facilities/{facilityId}`",
    raw: async () =>
      (
        await fetch(`${origin}/ll/sunrise-001/facilities/fac-001`, {
          headers: { ...json, Authorization: "Bearer ll_bench_token_0123456789" },
        })
      ).json(),
    bare: () =>
      bare.lifeloop.GET("/{tenant}/facilities/{facilityId}", {
        params: { path: { tenant: "sunrise-001", facilityId: "fac-001" } },
      }),
    client: () => lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac-001" } } }),
  },
  {
    name: "LoopMessage `GET /v1/message/status/{id}/`",
    raw: async () =>
      (
        await fetch(`${origin}/lm/v1/message/status/m-1/`, {
          headers: { ...json, Authorization: "lm_bench_key_0123456789" },
        })
      ).json(),
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
let breakdown = "";
if (values.breakdown) {
  // openapi-fetch alone on the PendingRequest path (no runtime), without and with the timeout's signal.
  const pendingInit = {
    baseUrl: `${origin}/loops`,
    headers: { Accept: "application/json", Authorization: "Bearer loops_bench_key_0123456789" },
    Request: PendingRequest as unknown as typeof Request,
  };
  const send = (r: Request) => fetch((r as unknown as PendingRequest).url, (r as unknown as PendingRequest).init);
  const light = createClient<LoopsPaths>({ ...pendingInit, fetch: send });
  const withSignal = createClient<LoopsPaths>({
    ...pendingInit,
    fetch: async (r) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      (r as unknown as PendingRequest).init.signal = controller.signal;
      try {
        return await send(r);
      } finally {
        clearTimeout(timer);
      }
    },
  });
  const query = { params: { query: { email: "a@b.c" } } } as const;
  // What a careful caller writes by hand when they want a timeout they can cancel: the same raw
  // fetch with an AbortController and a timer. The runtime cannot do with less.
  const rawWithTimeout = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const response = await fetch(`${origin}/loops/contacts/find?email=a%40b.c`, {
        headers: { ...json, Authorization: "Bearer loops_bench_key_0123456789" },
        signal: controller.signal,
      });
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  };
  const sides = {
    raw: cases[0]!.raw,
    "raw fetch with a per-request timeout (AbortController + timer)": rawWithTimeout,
    "openapi-fetch + PendingRequest, no runtime": () => light.GET("/contacts/find", query),
    "+ per-attempt AbortSignal and timer": () => withSignal.GET("/contacts/find", query),
    "client (full runtime)": cases[0]!.client,
  };
  const names = Object.keys(sides) as (keyof typeof sides)[];
  const ms = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (const n of names) await time(sides[n], perRound);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < names.length; k++) {
      const n = names[(r + k) % names.length]!;
      ms[n]!.push(await time(sides[n], perRound));
    }
  const raw = median(ms.raw!);
  breakdown = table(
    ["Loops `GET /contacts/find`", "median", "/ raw"],
    names.map((n) => [n, fmtUs(median(ms[n]!)), `${(median(ms[n]!) / raw).toFixed(2)}×`]),
  );
}
child.kill();

console.log(
  `node ${process.version}, ${rounds} rounds × ${perRound} sequential requests per side, medians of per-round means`,
);
console.log(
  table(
    [
      "request",
      "raw fetch",
      "openapi-fetch alone",
      "client (full runtime)",
      "client − raw (− openapi-fetch)",
      "client / raw (openapi-fetch / raw)",
      "≤ 1.10×",
    ],
    rows,
  ),
);
if (breakdown) console.log(`\n${breakdown}`);
