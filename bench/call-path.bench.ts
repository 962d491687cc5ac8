// What one call passes through, counted rather than timed: the stack at `fetch` (frames, and those
// of our runtime and of openapi-fetch), and the functions and modules that ran during the call (V8's
// precise coverage: a function counts if its call count grew during the one call measured). One
// `GET /v1/lists` through the Loops client with an injected fetch, after a warm-up call; bare
// openapi-fetch is the reference. `--baseline DIR` measures another checkout's client beside it.
//   npx tsx bench/call-path.bench.ts [--baseline DIR]
import { Session } from "node:inspector/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import { repoRoot } from "../scripts/lib/apis.ts";
import { table } from "./lib.ts";

const { values } = parseArgs({ options: { baseline: { type: "string" } } });
Error.stackTraceLimit = Infinity;

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: false });

/** Ours or openapi-fetch's: where a frame or a function comes from (else undefined). */
const ownerOf = (url: string, root: string) => {
  const path = url.startsWith("file:") ? fileURLToPath(url) : url;
  if (path.includes("node_modules/openapi-fetch/")) return "openapi-fetch";
  if (path.startsWith(resolve(root, "src")) || path.startsWith(resolve(root, "generated"))) return relative(root, path);
  return undefined;
};

interface Path {
  frames: number;
  ourFrames: number;
  functions: string[];
  modules: Set<string>;
}

type Fetch = (r: Request) => Promise<Response>;

/** `make` builds the client (not counted) and returns its call. */
async function measure(root: string, make: (fetch: Fetch) => () => Promise<unknown>) {
  let stack = "";
  const call = make(async () => {
    stack = new Error().stack ?? "";
    return Response.json({ success: true });
  });
  await call(); // warm-up: module-level code and first-call work stay out of the count
  await session.post("Profiler.takePreciseCoverage"); // resets the counts
  await call();
  const { result } = await session.post("Profiler.takePreciseCoverage");
  const frames = stack.split("\n").slice(1);
  const path: Path = {
    frames: frames.length,
    ourFrames: frames.filter((f) => /\/src\/|openapi-fetch/.test(f)).length,
    functions: [],
    modules: new Set(),
  };
  for (const script of result) {
    const owner = ownerOf(script.url, root);
    if (!owner) continue;
    // Every function that ran (arrows included), not the module's own top-level code (offset 0)
    // nor tsx's `__name` helper (esbuild's keepNames; bundled code has none).
    for (const fn of script.functions)
      if (fn.ranges[0]!.count > 0 && fn.ranges[0]!.startOffset > 0 && fn.functionName !== "__name") {
        path.functions.push(`${owner}:${fn.functionName || "(anonymous)"}`);
        path.modules.add(owner);
      }
  }
  return path;
}

const loopsClient = async (root: string) => {
  const { createLoopsClient } = await import(pathToFileURL(resolve(root, "src/clients/loops.ts")).href);
  return (fetch: Fetch) => {
    const client = createLoopsClient({ apiKey: "bench-key-0123456789", fetch, rateLimit: { requestsPerSecond: 1e9 } });
    return () => client.GET("/v1/lists");
  };
};

const rows: [string, Path][] = [];
rows.push([
  "openapi-fetch alone",
  await measure(repoRoot, (fetch) => {
    const client = createClient<any>({ baseUrl: "https://app.loops.so/api", fetch });
    return () => client.GET("/v1/lists", {});
  }),
]);
rows.push(["client", await measure(repoRoot, await loopsClient(repoRoot))]);
if (values.baseline) {
  const base = resolve(values.baseline);
  rows.push(["client (baseline)", await measure(base, await loopsClient(base))]);
}

console.log(`node ${process.version}; one GET /v1/lists (Loops client, injected fetch), after a warm-up call`);
console.log(
  table(
    ["side", "stack frames at fetch", "of them ours / openapi-fetch's", "functions run", "modules"],
    rows.map(([name, p]) => [
      name,
      String(p.frames),
      String(p.ourFrames),
      String(p.functions.length),
      `${p.modules.size}: ${[...p.modules].join(", ")}`,
    ]),
  ),
);
