// The testing kit's in-process mock against Prism over loopback (what `npm run mock` and the contract
// tests start), answering the same validated request: per API, its first operation with a JSON
// request body (the contract case's valid request), so that both check the credentials and the body
// against the spec before answering with its example.
//  - `fetch` rows: the request the client sends, captured once and replayed as is, with `fetch` to
//    Prism and with the mock's `fetch` (the body read in both). Budget (issue 22): ≥ 20× faster.
//  - `the client` rows: the same call through the API's client (rate limiter off: it would pace
//    both sides alike), for what a user's test sees; the client's own cost is in both sides.
// Rounds interleave the two sides (order alternating); each round's ratio is Prism's median over the
// in-process mock's in that round, and the ratio reported is the median of those (a paired
// comparison that cancels the machine's slow drift).
//   npx tsx bench/testing-mock.bench.ts [--rounds 30] [--requests 20]
import { parseArgs } from "node:util";
import { loadApis } from "../scripts/lib/apis.ts";
import { startPrism } from "../scripts/lib/prism-mock.ts";
import { createLifeLoopClient } from "../src/clients/lifeloop.ts";
import { createLoopMessageClient, loopMessageServers } from "../src/clients/loopmessage.ts";
import { createLoopsClient } from "../src/clients/loops.ts";
import { createLifeLoopMock, createLoopMessageMock, createLoopsMock, type SpecMock } from "../src/testing/index.ts";
import type { ContractSuite } from "../tests/contract/contract-runner.ts";
import { readBundledSpec } from "../tests/support/generated-specs.ts";
import { specOperations } from "../tests/support/spec-operations.ts";
import { fmtUs, median, table } from "./lib.ts";

const TARGET = 20;
const { values } = parseArgs({ options: { rounds: { type: "string" }, requests: { type: "string" } } });
const rounds = Number(values.rounds ?? 30);
const requests = Number(values.requests ?? 20);

const mocks: Record<string, () => SpecMock> = {
  loops: createLoopsMock as () => SpecMock,
  lifeloop: createLifeLoopMock as () => SpecMock,
  loopmessage: createLoopMessageMock as () => SpecMock,
};

type Target = { url?: string; fetch?: typeof globalThis.fetch };
const common = { rateLimit: false, maxRetries: 0 } as const;
const clients: Record<string, (target: Target) => unknown> = {
  loops: ({ url, fetch }) =>
    createLoopsClient({ apiKey: "test-loops-key", ...(url && { baseUrl: url }), fetch, ...common }),
  lifeloop: ({ url, fetch }) =>
    createLifeLoopClient({
      token: "test-lifeloop-token",
      tenant: "sunrise-001",
      ...(url && { baseUrl: url }),
      fetch,
      ...common,
    }),
  loopmessage: ({ url, fetch }) =>
    createLoopMessageClient({
      apiKey: "test-loopmessage-key",
      servers: url ? Object.fromEntries(loopMessageServers.map((s) => [s, url])) : {},
      fetch,
      ...common,
    }),
};

async function timePerRequest(send: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const response = await send();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`a valid request was answered ${response.status}`);
  }
  return (performance.now() - started) / requests;
}

/** Paired rounds of the two sides: each side's median per request, and the median of the per-round ratios. */
async function compare(prism: () => Promise<Response>, inProcess: () => Promise<Response>, reset: () => void) {
  for (let i = 0; i < 20; i++) for (const side of [prism, inProcess]) await (await side()).arrayBuffer();
  const prismMs: number[] = [];
  const mockMs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 ? prism : inProcess;
    const took = new Map<unknown, number>();
    for (const side of [first, first === prism ? inProcess : prism]) took.set(side, await timePerRequest(side));
    prismMs.push(took.get(prism)!);
    mockMs.push(took.get(inProcess)!);
    ratios.push(took.get(prism)! / took.get(inProcess)!);
    reset();
  }
  return { prism: median(prismMs), inProcess: median(mockMs), ratio: median(ratios) };
}

const rows: (string | number)[][] = [];
let allMet = true;
for (const api of loadApis()) {
  const { cases } = (await import(`../tests/contract/${api.name}/cases.ts`)) as Omit<ContractSuite<unknown>, "api">;
  const client = clients[api.name]!;
  const spec = readBundledSpec(api);
  const op = specOperations(spec).find((o) => spec.paths[o.path][o.method].requestBody && cases[o.operationId]);
  if (!op) continue;
  const valid = cases[op.operationId]!.valid as (client: unknown, extras: object) => Promise<{ response: Response }>;
  const prism = await startPrism(spec);
  try {
    const mock = mocks[api.name]!();
    // The request the client sends for the contract case, captured once and then replayed as is.
    let sent: Request | undefined;
    await valid(client({ fetch: (input, init) => mock.fetch((sent = new Request(input, init)).clone()) }), {});
    const server = mock.servers.find((s) => sent!.url.startsWith(s))!;
    const init = { method: sent!.method, headers: [...sent!.headers], body: await sent!.text() };
    const raw = await compare(
      () => fetch(prism.url + sent!.url.slice(server.length), init),
      () => mock.fetch(sent!.url, init),
      () => mock.reset(),
    );
    const viaPrism = client({ url: prism.url });
    const inProcess = client({ fetch: mock.fetch });
    const viaClient = await compare(
      () => valid(viaPrism, {}).then((r) => new Response(null, { status: r.response.status })),
      () => valid(inProcess, {}).then((r) => new Response(null, { status: r.response.status })),
      () => mock.reset(),
    );
    allMet &&= raw.ratio >= TARGET;
    const name = `${api.name}: ${op.operationId}`;
    rows.push([name, "`fetch`", fmtUs(raw.prism), fmtUs(raw.inProcess), `${raw.ratio.toFixed(1)}×`]);
    rows.push([
      name,
      "the client",
      fmtUs(viaClient.prism),
      fmtUs(viaClient.inProcess),
      `${viaClient.ratio.toFixed(1)}×`,
    ]);
  } finally {
    await prism.close();
  }
}

console.log(`node ${process.version}, ${rounds} rounds × ${requests} requests per side, medians per request`);
console.log(
  table(["validated request", "sent with", "Prism over loopback", "in-process mock", "Prism / in-process"], rows),
);
console.log(
  `\nBudget: the in-process mock answers ≥ ${TARGET}× faster than Prism (\`fetch\` rows): ${allMet ? "met" : "**missed**"}`,
);
