// Fault injection: 1,000 requests through each of the three real clients against a loopback server
// that answers ~30 % of attempts with a fault (503, 429 + Retry-After: 0, 429 + retry-after-ms,
// a connection reset, or a stall past the client's timeout) and otherwise like the API (the spec's
// 2xx example for the operation).
//
// Invariants, per client:
// - every call settles (no hang) with success or a typed error (an APIError subclass, including
//   APIConnectionError / APITimeoutError); no untyped throw;
// - a POST that is not idempotent (Loops createContact, LifeLoop createResident, LoopMessage send)
//   arrives at the server at most once (counted per request body, which is unique per call);
// - Loops keyed POSTs (`/v1/events/send`, `/v1/transactional`): every attempt carries a key, the same key
//   on every attempt of one call, and no call is answered 2xx more than once. The server behaves as
//   Loops documents: it records the key of every keyed request it answered 2xx and answers a reused
//   key 409 ("Idempotency key has been used."). A 2xx the client lost (its timeout fired first) is
//   retried with the same key and gets that 409; had the key changed between attempts, the call
//   would be answered 2xx twice, which is what the test catches.
//
// Faults are a pure function of (seed, call id, attempt number at the server), so a run reproduces
// whatever the interleaving: FAULT_SEED=<n> npx vitest run tests/fault
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLifeLoopClient } from "../../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../../src/clients/loopmessage.ts";
import { createLoopsClient } from "../../src/clients/loops.ts";
import { idempotentOperations } from "../../generated/loops/operations.ts";
import { APIError, type FetchResult, unwrap } from "../../src/runtime/errors.ts";
import loopsSpec from "../../generated/loops/openapi.json" with { type: "json" };
import lifeloopSpec from "../../generated/lifeloop/openapi.json" with { type: "json" };
import loopmessageSpec from "../../generated/loopmessage/openapi.json" with { type: "json" };

const SEED = Number(process.env.FAULT_SEED ?? 20_250_101);
const REQUESTS = 1_000;
const CONCURRENCY = 16; // per client; the three clients run at the same time
const FAULT_RATE = 0.3;
const TIMEOUT_MS = 200;
const HANG_GUARD_MS = 5_000; // a call still pending after this counts as a hang
const HARD_LIMIT_MS = 30_000; // the server shuts itself down after this, whatever happens

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: FNV-1a to seed, mulberry32 to draw.

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FAULTS = ["503", "429 Retry-After: 0", "429 retry-after-ms", "reset", "stall"] as const;
type Fault = (typeof FAULTS)[number];
const FAULT_WEIGHTS: Record<Fault, number> = {
  "503": 0.25,
  "429 Retry-After: 0": 0.15,
  "429 retry-after-ms": 0.15,
  reset: 0.25,
  stall: 0.2,
};

/** The fault (or none) for attempt `attempt` of call `id`: a pure function of the seed. */
function faultFor(id: string, attempt: number): Fault | undefined {
  const draw = mulberry32(fnv1a(`${SEED}:${id}:${attempt}`));
  if (draw() >= FAULT_RATE) return undefined;
  let pick = draw();
  for (const fault of FAULTS) if ((pick -= FAULT_WEIGHTS[fault]) < 0) return fault;
  return "stall";
}

// ---------------------------------------------------------------------------------------------
// The server: answers like the API from the spec's 2xx examples, except when a fault is drawn.

interface Spec {
  paths: Record<string, Record<string, unknown>>;
}
interface Route {
  method: string;
  pattern: RegExp;
  status: number;
  body: string;
}

function routesOf(spec: Spec): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const responses = (op as { responses?: Record<string, any> }).responses;
      if (!responses) continue;
      const status = Object.keys(responses).find((s) => s.startsWith("2"))!;
      const examples = responses[status]?.content?.["application/json"]?.examples ?? {};
      const example = Object.values<{ value: unknown }>(examples)[0]?.value;
      const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^{}]+\}/g, "[^/]+");
      routes.push({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}$`),
        status: Number(status),
        body: example === undefined ? "" : JSON.stringify(example),
      });
    }
  }
  return routes;
}

/** Which requests carry an Idempotency-Key the server honours (Loops' keyed POSTs). */
const KEYED = new Set<string>(idempotentOperations);

interface ApiStats {
  /** Arrivals per `METHOD path body` of POSTs (bodies are unique per call). */
  postArrivals: Map<string, number>;
  /** Keyed operations: the keys seen per call (its body), 2xx answers per key and per call, 409 replays. */
  keysPerCall: Map<string, Set<string>>;
  answered2xx: Map<string, number>;
  answered2xxPerCall: Map<string, number>;
  replays409: number;
  keyedWithoutKey: number;
  faults: Record<Fault, number>;
  arrivals: number;
}

const newStats = (): ApiStats => ({
  postArrivals: new Map(),
  keysPerCall: new Map(),
  answered2xx: new Map(),
  answered2xxPerCall: new Map(),
  replays409: 0,
  keyedWithoutKey: 0,
  faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>,
  arrivals: 0,
});

const APIS = {
  loops: { prefix: "/loops", routes: routesOf(loopsSpec as Spec) },
  lifeloop: { prefix: "/lifeloop", routes: routesOf(lifeloopSpec as Spec) },
  // Both LoopMessage hosts map to this server, under two prefixes.
  loopmessage: { prefix: "/lm", routes: routesOf(loopmessageSpec as Spec) },
  loopmessageTracker: { prefix: "/lmt", routes: routesOf(loopmessageSpec as Spec) },
} as const;
type ApiName = "loops" | "lifeloop" | "loopmessage";
const statsOf = (api: keyof typeof APIS): ApiName => (api === "loopmessageTracker" ? "loopmessage" : api);

const stats: Record<ApiName, ApiStats> = { loops: newStats(), lifeloop: newStats(), loopmessage: newStats() };
const attemptsSeen = new Map<string, number>();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sendJson = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
};

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? "/", "http://fault.test");
  const method = req.method ?? "GET";
  const entry = (Object.entries(APIS) as [keyof typeof APIS, (typeof APIS)[keyof typeof APIS]][])
    .filter(([, a]) => url.pathname.startsWith(`${a.prefix}/`))
    .sort((a, b) => b[1].prefix.length - a[1].prefix.length)[0];
  if (!entry) return sendJson(res, 404, '{"message":"no such API"}');
  const [apiName, api] = entry;
  const path = url.pathname.slice(api.prefix.length);
  const route = api.routes.find((r) => r.method === method && r.pattern.test(path));
  if (!route) return sendJson(res, 404, `{"message":"no route for ${method} ${path}"}`);

  const s = stats[statsOf(apiName)];
  s.arrivals++;
  const schemaOp = `${method} ${path}`;
  const key = req.headers["idempotency-key"];
  if (method === "POST") {
    const marker = `${schemaOp} ${body}`;
    s.postArrivals.set(marker, (s.postArrivals.get(marker) ?? 0) + 1);
    if (apiName === "loops" && KEYED.has(schemaOp)) {
      if (typeof key !== "string" || !key) s.keyedWithoutKey++;
      else s.keysPerCall.set(marker, (s.keysPerCall.get(marker) ?? new Set()).add(key));
    }
  }

  const id = String(req.headers["x-fault-id"] ?? schemaOp);
  const attempt = attemptsSeen.get(id) ?? 0;
  attemptsSeen.set(id, attempt + 1);
  const fault = faultFor(id, attempt);
  if (fault) s.faults[fault]++;
  switch (fault) {
    case "503":
      return sendJson(res, 503, '{"message":"injected: service unavailable"}');
    case "429 Retry-After: 0":
      return sendJson(res, 429, '{"message":"injected: slow down"}', { "retry-after": "0" });
    case "429 retry-after-ms":
      return sendJson(res, 429, '{"message":"injected: slow down"}', { "retry-after-ms": "3" });
    case "reset":
      req.socket.destroy();
      return;
    case "stall":
      return; // never answered: the client's timeout fires; the socket is closed by the client or at shutdown
    default:
      if (apiName === "loops" && KEYED.has(schemaOp) && typeof key === "string") {
        if (s.answered2xx.has(key)) {
          s.replays409++;
          return sendJson(res, 409, '{"success":false,"message":"Idempotency key has been used."}');
        }
        const marker = `${schemaOp} ${body}`;
        s.answered2xx.set(key, 1);
        s.answered2xxPerCall.set(marker, (s.answered2xxPerCall.get(marker) ?? 0) + 1);
      }
      return route.body === "" ? void res.writeHead(route.status).end() : sendJson(res, route.status, route.body);
  }
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => req.socket.destroy());
});
let base = "";
const hardLimit = setTimeout(() => {
  server.closeAllConnections();
  server.close();
}, HARD_LIMIT_MS);
hardLimit.unref();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  clearTimeout(hardLimit);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// ---------------------------------------------------------------------------------------------
// The clients and their workloads.

type Kind = "get" | "keyed-post" | "post";
interface Call {
  kind: Kind;
  run: () => Promise<FetchResult>;
}

interface Counter {
  attempts: number;
}
const counted = (counter: Counter) => (request: Request) => {
  counter.attempts++;
  return globalThis.fetch(request);
};

const common = (counter: Counter) => ({
  maxRetries: 2,
  timeoutMs: TIMEOUT_MS,
  backoff: { initialDelayMs: 2, maxDelayMs: 10 },
  fetch: counted(counter),
});

/** Picks one of `choices` by weight with the client's PRNG. */
function pick<T>(random: () => number, choices: [number, T][]): T {
  let r = random() * choices.reduce((sum, [w]) => sum + w, 0);
  for (const [w, value] of choices) if ((r -= w) < 0) return value;
  return choices[choices.length - 1]![1];
}

function loopsCalls(counter: Counter): (i: number, random: () => number) => Call {
  const client = createLoopsClient({
    apiKey: "loops_fault_key_0123456789",
    baseUrl: `${base}/loops`,
    rateLimit: { requestsPerSecond: 1_000_000 }, // configured, never throttling
    ...common(counter),
  });
  return (i, random) => {
    const headers = { "X-Fault-Id": `loops-${i}` };
    return pick<Call>(random, [
      [
        2,
        {
          kind: "get",
          run: () => client.GET("/v1/contacts/find", { params: { query: { email: `c${i}@example.org` } }, headers }),
        },
      ],
      [1, { kind: "get", run: () => client.GET("/v1/lists", { headers }) }],
      [1, { kind: "get", run: () => client.GET("/v1/api-key", { headers }) }],
      [
        2,
        {
          kind: "keyed-post",
          run: () =>
            client.POST("/v1/events/send", { body: { email: `c${i}@example.org`, eventName: `fault-${i}` }, headers }),
        },
      ],
      [
        2,
        {
          kind: "keyed-post",
          run: () =>
            client.POST("/v1/transactional", {
              body: { transactionalId: `tx-${i}`, email: `c${i}@example.org` },
              headers,
            }),
        },
      ],
      [
        1,
        {
          kind: "post",
          run: () => client.POST("/v1/contacts/create", { body: { email: `new-${i}@example.org` }, headers }),
        },
      ],
    ]);
  };
}

function lifeloopCalls(counter: Counter): (i: number, random: () => number) => Call {
  const client = createLifeLoopClient({
    token: "ll_fault_token_0123456789",
    tenant: "sunrise-001",
    baseUrl: `${base}/lifeloop`,
    ...common(counter),
  });
  return (i, random) => {
    const headers = { "X-Fault-Id": `lifeloop-${i}` };
    return pick<Call>(random, [
      [1, { kind: "get", run: () => client.GET("/facilities", { headers }) }],
      [
        2,
        {
          kind: "get",
          run: () => client.GET("/facilities/{facilityId}", { params: { path: { facilityId: `fac-${i}` } }, headers }),
        },
      ],
      [
        2,
        {
          kind: "get",
          run: () => client.GET("/residents/{residentId}", { params: { path: { residentId: `res-${i}` } }, headers }),
        },
      ],
      [
        3,
        {
          kind: "post",
          run: () =>
            client.POST("/facilities/{facilityId}/residents", {
              params: { path: { facilityId: "fac-001" } },
              body: { firstName: `Resident${i}`, lastName: "Fault" },
              headers,
            }),
        },
      ],
    ]);
  };
}

function loopmessageCalls(counter: Counter): (i: number, random: () => number) => Call {
  const client = createLoopMessageClient({
    apiKey: "lm_fault_key_0123456789",
    servers: { "https://a.loopmessage.com": `${base}/lm`, "https://t.imsg.link": `${base}/lmt` },
    ...common(counter),
  });
  return (i, random) => {
    const headers = { "X-Fault-Id": `loopmessage-${i}` };
    return pick<Call>(random, [
      [
        2,
        {
          kind: "get",
          run: () => client.GET("/v1/message/status/{id}/", { params: { path: { id: `msg-${i}` } }, headers }),
        },
      ],
      [
        1,
        {
          kind: "get",
          run: () => client.GET("/api/v1/audience/list/", { params: { query: { page: 1 + (i % 5) } }, headers }),
        },
      ],
      [
        1,
        {
          kind: "get",
          run: () =>
            client.GET("/tracker-api/v1/generate-url/{organization_id}/", {
              params: {
                path: { organization_id: `org-${i}` },
                query: { params: { body: "Join [opt-in-code]", utm: `u${i}` } },
              },
              headers,
            }),
        },
      ],
      [
        3,
        {
          kind: "post",
          run: () =>
            client.POST("/api/v1/message/send/", { body: { contact: "+13231112233", text: `message ${i}` }, headers }),
        },
      ],
    ]);
  };
}

interface Summary {
  requests: number;
  byKind: Record<Kind, number>;
  successes: number;
  typedErrors: Record<string, number>;
  untyped: unknown[];
  hangs: number;
  attempts: number;
}

async function drive(
  name: ApiName,
  makeCall: (i: number, random: () => number) => Call,
  counter: Counter,
): Promise<Summary> {
  const random = mulberry32(fnv1a(`${SEED}:${name}:workload`));
  const calls = Array.from({ length: REQUESTS }, (_, i) => makeCall(i, random));
  const summary: Summary = {
    requests: REQUESTS,
    byKind: { get: 0, "keyed-post": 0, post: 0 },
    successes: 0,
    typedErrors: {},
    untyped: [],
    hangs: 0,
    attempts: 0,
  };
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]!;
      summary.byKind[call.kind]++;
      let guard: ReturnType<typeof setTimeout> | undefined;
      const hang = new Promise<"hang">((resolve) => (guard = setTimeout(() => resolve("hang"), HANG_GUARD_MS)));
      try {
        const outcome = await Promise.race([call.run().then((result) => unwrap(result)), hang]);
        if (outcome === "hang") summary.hangs++;
        else summary.successes++;
      } catch (error) {
        if (error instanceof APIError) summary.typedErrors[error.name] = (summary.typedErrors[error.name] ?? 0) + 1;
        else summary.untyped.push(error);
      } finally {
        clearTimeout(guard);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  summary.attempts = counter.attempts;
  return summary;
}

describe("fault injection: three clients × 1,000 requests against a faulty loopback server", () => {
  const results = {} as Record<ApiName, Summary>;

  beforeAll(async () => {
    const counters = { loops: { attempts: 0 }, lifeloop: { attempts: 0 }, loopmessage: { attempts: 0 } };
    const [loops, lifeloop, loopmessage] = await Promise.all([
      drive("loops", loopsCalls(counters.loops), counters.loops),
      drive("lifeloop", lifeloopCalls(counters.lifeloop), counters.lifeloop),
      drive("loopmessage", loopmessageCalls(counters.loopmessage), counters.loopmessage),
    ]);
    Object.assign(results, { loops, lifeloop, loopmessage });
    for (const name of ["loops", "lifeloop", "loopmessage"] as const) {
      const r = results[name];
      const s = stats[name];
      const duplicates = duplicateDeliveries(name).length;
      const errors = Object.entries(r.typedErrors)
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      const faults = FAULTS.map((f) => `${f} ${s.faults[f]}`).join(", ");
      console.log(
        `[fault seed=${SEED}] ${name}: ${r.requests} requests (GET ${r.byKind.get}, keyed POST ${r.byKind["keyed-post"]}, POST ${r.byKind.post}), ` +
          `${r.successes} successes, typed errors {${errors}}, untyped ${r.untyped.length}, hangs ${r.hangs}, ` +
          `retries ${r.attempts - r.requests} (attempts ${r.attempts}, server arrivals ${s.arrivals}), faults {${faults}}, ` +
          `409 replays of a used key ${s.replays409}, duplicate deliveries ${duplicates}`,
      );
    }
  }, 25_000);

  describe.each(["loops", "lifeloop", "loopmessage"] as const)("%s", (name) => {
    it("every call settles with success or a typed error (no untyped throw, no hang)", () => {
      const r = results[name];
      expect(r.untyped).toEqual([]);
      expect(r.hangs).toBe(0);
      const typed = Object.values(r.typedErrors).reduce((a, b) => a + b, 0);
      expect(r.successes + typed).toBe(REQUESTS);
      // 409 only for a Loops key whose 2xx the client lost to its timeout (see the header comment).
      const expected = ["RateLimitError", "InternalServerError", "APIConnectionError", "APITimeoutError"];
      for (const cls of Object.keys(r.typedErrors))
        expect([...expected, ...(name === "loops" ? ["ConflictError"] : [])]).toContain(cls);
    });

    it("the faults happened and were retried", () => {
      const r = results[name];
      const s = stats[name];
      for (const fault of FAULTS) expect(s.faults[fault], fault).toBeGreaterThan(0);
      expect(r.attempts).toBeGreaterThan(r.requests); // retries happened
      // Most calls get through despite 30 % faults (~97 % on an idle machine; a loaded one adds timeouts).
      expect(r.successes / r.requests).toBeGreaterThan(0.6);
    });

    it("no POST is delivered twice (unkeyed: arrives at most once; keyed: answered 2xx at most once)", () => {
      expect(duplicateDeliveries(name)).toEqual([]);
    });
  });

  it("Loops keyed POSTs: a key on every attempt, the same key across a call, no key answered 2xx twice", () => {
    const s = stats.loops;
    expect(results.loops.byKind["keyed-post"]).toBeGreaterThan(0);
    expect(s.keyedWithoutKey).toBe(0);
    const calls = [...s.keysPerCall];
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter(([, keys]) => keys.size !== 1)).toEqual([]);
    expect([...s.answered2xx].filter(([, n]) => n > 1)).toEqual([]);
    expect([...s.answered2xxPerCall].filter(([, n]) => n > 1)).toEqual([]);
    // and some of them did need more than one attempt
    expect([...s.postArrivals].filter(([marker, n]) => isKeyed(marker) && n > 1).length).toBeGreaterThan(0);
  });
});

function isKeyed(marker: string): boolean {
  return [...KEYED].some((op) => marker.startsWith(`${op} `));
}

/** Calls delivered more than once: unkeyed POSTs that arrived twice, keyed ones answered 2xx twice. */
function duplicateDeliveries(name: ApiName): string[] {
  const s = stats[name];
  const keyed = (marker: string) => name === "loops" && isKeyed(marker);
  return [
    ...[...s.postArrivals].filter(([marker, n]) => !keyed(marker) && n > 1).map(([marker]) => marker),
    ...[...s.answered2xxPerCall].filter(([, n]) => n > 1).map(([marker]) => marker),
  ];
}
