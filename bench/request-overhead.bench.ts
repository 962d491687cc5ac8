// Per-request cost of each client with every runtime feature on (auth, path safety, the idempotency
// key, 2 retries armed, a per-attempt timeout, a call deadline, a rate limiter too generous to
// throttle, the response size limit) against its two peers on the same request: bare openapi-fetch
// (the library the clients are built on, no runtime at all) and Stainless' `openai` client (its
// generic `get` / `post`, with the same retries and timeout). Raw `fetch`, alone and with a
// cancellable timeout, is the reference. All go to a loopback node:http server in a child process.
//
// Budget: the client ≤ 1.20× bare openapi-fetch and ≤ 0.85× the openai client.
//
// The requests come from the list of APIs (redocly.yaml), none is named here: each API's quick
// start (the docs' first read, a GET) and, when the API has keyed operations, its first keyed POST,
// the key left to the client. Each is its contract case's request (path, parameters, body); the
// raw and openai sides send what the client sent (URL, credential headers, body), each keyed POST
// with a fresh key.
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
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import type OpenAI from "openai";
import type openapiFetch from "openapi-fetch";
import { type ApiEntry, loadApis, repoRoot } from "../scripts/lib/apis.ts";
import { clientTarget } from "../scripts/lib/client-target.ts";
import { codeSamples, quickStart } from "../scripts/lib/code-samples.ts";
import { operationRows } from "../scripts/lib/operation-table.ts";
import { readBundledSpec } from "../tests/support/generated-specs.ts";
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

// The rows, from the list: each request as its contract case makes it, taken down once by a
// stand-in client.
interface Recorded {
  method: string;
  path: string;
  init: { params?: { header?: Record<string, string> } } & Record<string, unknown>;
}
const recorder = new Proxy(
  {},
  {
    get:
      (_, method: string) =>
      (path: string, init: Recorded["init"] = {}) =>
        Promise.resolve({ method, path, init }),
  },
);
const KEY = /^idempotency-key$/i;
/** The case's request, without a key of its own: the client generates one, each peer gets a fresh one. */
async function recorded(api: ApiEntry, operationId: string): Promise<Recorded> {
  const { cases } = (await import(`../tests/contract/${api.name}/cases.ts`)) as {
    cases: Record<string, { valid: (client: unknown, extras: object) => Promise<unknown> }>;
  };
  const call = (await cases[operationId]!.valid(recorder, {})) as Recorded;
  if (!call.init.params?.header) return call;
  const { header, ...params } = call.init.params;
  const kept = Object.entries(header).filter(([name]) => !KEY.test(name));
  return {
    ...call,
    init: { ...call.init, params: { ...params, ...(kept.length > 0 && { header: Object.fromEntries(kept) }) } },
  };
}
interface Row {
  api: ApiEntry;
  title: string;
  keyed: boolean;
  call: Recorded;
}
const apis = loadApis();
const specs = new Map(apis.map((api) => [api, readBundledSpec(api) as never]));
const rows: Row[] = [];
for (const api of apis) {
  const doc = specs.get(api)!;
  const operations = operationRows(doc);
  const title = api.client.factory.replace(/^create|Client$/g, "");
  const start = await recorded(api, quickStart(codeSamples(doc, api)).operationId);
  rows.push({ api, title, keyed: false, call: start });
  const keyed = operations.find((op) => op.idempotencyKey && op.method === "post");
  if (keyed) rows.push({ api, title, keyed: true, call: await recorded(api, keyed.operationId) });
}

// Bundle the clients and both peers (not minified: same code, readable profiles); a baseline's
// clients from its own tree.
const dir = mkdtempSync(join(tmpdir(), "bench-overhead-"));
type Factory = (options: object) => any;
interface Bundle {
  createClient: typeof openapiFetch;
  OpenAI: typeof OpenAI;
  [factory: `factory${number}`]: Factory | undefined;
}
async function bundle(root: string, name: string): Promise<Bundle> {
  const entry = join(dir, `${name}-entry.ts`);
  const factories = apis
    .map((api, i) => ({ api, i, file: join(root, "src/clients", `${api.name}.ts`) }))
    .filter(({ file }) => existsSync(file)) // a baseline may not have every API
    .map(({ api, i, file }) => `export { ${api.client.factory} as factory${i} } from ${JSON.stringify(file)};`);
  writeFileSync(
    entry,
    [
      `export { default as createClient } from "openapi-fetch";`,
      `export { default as OpenAI } from "openai";`,
      ...factories,
    ].join("\n"),
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

const runtime = {
  maxRetries: 2,
  timeoutMs: 30_000,
  deadlineMs: 60_000,
  rateLimit: { requestsPerSecond: 1e9 },
} as const;
const credentialsOf = (api: ApiEntry) =>
  Object.fromEntries(Object.keys(api.client.credentials).map((option) => [option, `bench-${option}-0123456789`]));
/** An API's client from a bundle, on this server (every server of its spec at `/<api>`), everything on. */
const clientOf = (b: Bundle, api: ApiEntry, more: object = {}) =>
  b[`factory${apis.indexOf(api)}`]?.({
    ...credentialsOf(api),
    ...clientTarget(specs.get(api)!, `${origin}/${api.name}`),
    ...runtime,
    ...more,
  });
/** The URL the API's paths are written below: `/<api>` and its prefix (LifeLoop's `/{tenant}`) filled. */
const baseOf = (api: ApiEntry) => {
  const credentials = credentialsOf(api);
  const prefix = (api.client.pathPrefix ?? "").replace(/\{(\w+)\}/g, (_, name: string) => credentials[name] ?? "");
  return `${origin}/${api.name}${prefix}`;
};
/** The request the client sends for a row, taken down once: URL, method, headers, body. */
async function sentBy(row: Row): Promise<Request> {
  let sent: Request | undefined;
  const capture = (request: Request) => ((sent = request), Promise.resolve(Response.json({})));
  await clientOf(current, row.api, { fetch: capture })[row.call.method](row.call.path, row.call.init);
  return sent!;
}

const json = { Accept: "application/json" };
/** What a careful caller writes by hand: same URL and headers, read the JSON body. */
const raw = (url: string, init: RequestInit, signal?: AbortSignal) =>
  fetch(url, { ...init, signal }).then((r) => r.json());
/** The same with a cancellable per-request timeout, as every client here has. */
const rawWithTimeout = async (url: string, init: RequestInit) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await raw(url, init, controller.signal);
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
const keyed = () => ({ "Idempotency-Key": crypto.randomUUID() });
const noop = { middleware: [{ onRequest: () => undefined }] };
const cases: Case[] = [];
for (const row of rows) {
  const { api, call } = row;
  const first = row === rows[0]; // the A/A side and the middleware variant: on the first row only
  const sent = await sentBy(row);
  const body = call.method === "GET" ? undefined : await sent.text();
  // The headers the client sets of its own accord (the credential): every peer sends them too.
  const own = Object.fromEntries(
    [...sent.headers].filter(([h]) => !KEY.test(h) && !["accept", "content-type", "content-length"].includes(h)),
  );
  const headers = { ...json, ...own, ...(body !== undefined && { "Content-Type": "application/json" }) };
  const rawInit = () => ({
    method: call.method,
    headers: row.keyed ? { ...headers, ...keyed() } : headers,
    ...(body !== undefined && { body }),
  });
  // The peers on the same URLs: openapi-fetch with no runtime; openai with 2 retries and the same
  // timeout (its own defaults otherwise), each keyed POST with a fresh key like ours.
  const base = baseOf(api);
  const bare: any = createClient<any>({ baseUrl: base, headers: { ...json, ...own } });
  const bareInit = () => (row.keyed ? { ...call.init, params: { ...call.init.params, header: keyed() } } : call.init);
  const openai = new Stainless({
    apiKey: "unused",
    baseURL: base,
    maxRetries: 2,
    timeout: 30_000,
    defaultHeaders: own,
  });
  const url = new URL(sent.url);
  const query = Object.fromEntries(url.searchParams);
  const named = Object.keys(query).length === [...url.searchParams.keys()].length; // no name repeated
  const openaiPath = url.pathname.slice(new URL(base).pathname.length) + (named ? "" : url.search);
  const openaiInit = () => ({
    ...(named && url.search && { query }),
    ...(body !== undefined && { body: JSON.parse(body) }),
    ...(row.keyed && { headers: keyed() }),
  });
  const openaiMethod = call.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  const send = (client: any) => () => client[call.method](call.path, call.init);
  const previous = baseline && clientOf(baseline, api);
  cases.push({
    name: `${row.title} \`${call.method} ${call.path}\`${row.keyed ? " (key generated)" : ""}`,
    raw: () => raw(sent.url, rawInit()),
    sides: {
      ...(first && { "raw (A/A)": () => raw(sent.url, rawInit()) }),
      "raw + timeout": () => rawWithTimeout(sent.url, rawInit()),
      "openapi-fetch alone": () => bare[call.method](call.path, bareInit()),
      "openai (Stainless)": () => openai[openaiMethod](openaiPath, openaiInit()),
      client: send(clientOf(current, api)),
      ...(first && { "client, one caller middleware": send(clientOf(current, api, noop)) }),
      ...(previous && { "client (baseline)": send(previous) }),
      ...(first && previous && { "client, one caller middleware (baseline)": send(clientOf(baseline, api, noop)) }),
    },
  });
}

/** Mean per-request milliseconds over `n` sequential requests. */
async function time(fn: Side, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

/** Median over rounds of a / b within the same round. */
const ratio = (a: number[], b: number[]) => median(a.map((v, r) => v / b[r]!));
const paired = (a: number[], b: number[]) => `${ratio(a, b).toFixed(3)}×`;

const lines: string[][] = [];
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
  const [rawMs, bareMs, openaiMs] = [of("raw fetch")!, of("openapi-fetch alone")!, of("openai (Stainless)")!];
  sides.forEach(([name], i) => {
    lines.push([
      i === 0 ? c.name : "",
      name,
      fmtUs(median(ms[i]!)),
      paired(ms[i]!, rawMs),
      paired(ms[i]!, bareMs),
      paired(ms[i]!, openaiMs),
    ]);
  });
  const client = of("client")!;
  const vsBare = ratio(client, bareMs);
  const vsOpenai = ratio(client, openaiMs);
  verdicts.push([
    c.name,
    `${vsBare.toFixed(3)}× ${vsBare <= 1.2 ? "✓" : "✗"}`,
    `${vsOpenai.toFixed(3)}× ${vsOpenai <= 0.85 ? "✓" : "✗"}`,
  ]);
}
child.kill();

console.log(
  `node ${process.version}, ${pin ? "client and server pinned to cores 0 and 1" : "not pinned"}, ` +
    `${rounds} rounds × ${perRound} sequential requests per side` +
    (values.baseline ? `; baseline: ${values.baseline}` : ""),
);
console.log(
  table(["request", "side", "median per request", "/ raw fetch", "/ openapi-fetch alone", "/ openai"], lines),
);
console.log();
console.log(table(["request", "client / openapi-fetch (≤ 1.20×)", "client / openai (≤ 0.85×)"], verdicts));
