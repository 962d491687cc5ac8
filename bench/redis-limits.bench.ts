// Several processes, one vendor limit (issue 24). Three worker processes each send 50 Loops calls at
// once to a loopback server that enforces 10 requests/second across all callers (a sliding second;
// beyond it 429 with `Retry-After: 1`, as Loops documents): each with the default in-process limiter
// ("before"), then sharing `redisRateLimiter` through Debian's redis-server on loopback ("after").
// Then the limiter's own cost per call, one wait after another, in-process and through Redis.
// Everything runs from the packed package installed in a scratch project (`npm pack`, as users get it).
//
// Budget: after, 0 of 150 calls fail, at most 5 responses are 429, and the run takes at most 10 %
// more than the ideal 15 s; the Redis limiter costs at most 1 ms a call (median).
//   npx tsx bench/redis-limits.bench.ts [--runs 2] [--cost 2000]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { repoRoot } from "../scripts/lib/apis.ts";
import { installConsumer, pack } from "../tests/package/consumer.ts";
import { startRedis } from "../tests/support/redis.ts";
import { fmt, fmtUs, median, table } from "./lib.ts";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "2" }, cost: { type: "string", default: "2000" } },
});
const WORKERS = 3;
const CALLS = 50;
const RATE = 10;
const IDEAL_MS = ((WORKERS * CALLS) / RATE) * 1000;

/** The vendor: at most RATE requests in any second, counted across every caller. */
async function startVendor() {
  const accepted: number[] = [];
  const counts = { requests: 0, refused: 0 };
  const server = createServer((req, res) => {
    const now = performance.now();
    while (accepted.length && accepted[0]! <= now - 1000) accepted.shift();
    counts.requests++;
    if (accepted.length >= RATE) {
      counts.refused++;
      res.writeHead(429, { "content-type": "application/json", "retry-after": "1" }).end('{"success":false}');
      return;
    }
    accepted.push(now);
    res.writeHead(200, { "content-type": "application/json" }).end('{"success":true,"teamName":"bench"}');
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api`, counts, close: () => server.close() };
}

/** Starts the workers, lets them go together; returns what each printed and the time from "go" to the last. */
async function runWorkers<T>(app: string, argv: string[][]): Promise<{ outputs: T[]; ms: number }> {
  const env = { ...process.env, REDIS_MODULE: createRequire(join(repoRoot, "package.json")).resolve("redis") };
  const workers = argv.map((a) => {
    const child = spawn(process.execPath, ["worker.mjs", ...a], { cwd: app, env, stdio: ["pipe", "pipe", "inherit"] });
    return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator]() };
  });
  for (const { lines } of workers)
    if ((await lines.next()).value !== "ready") throw new Error("a worker did not start");
  const start = performance.now();
  for (const { child } of workers) child.stdin!.write("go\n");
  const outputs = await Promise.all(workers.map(async ({ lines }) => JSON.parse((await lines.next()).value) as T));
  const ms = performance.now() - start;
  await Promise.all(workers.map(({ child }) => child.exitCode ?? once(child, "exit")));
  return { outputs, ms };
}

const tarball = pack();
const app = installConsumer(tarball.file);
copyFileSync(join(import.meta.dirname, "redis-limits", "worker.mjs"), join(app, "worker.mjs"));
const redis = await startRedis();
const rows: (string | number)[][] = [];
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const limiter of ["in-process", "redis"]) {
      const vendor = await startVendor();
      await new Promise((r) => setTimeout(r, 1100)); // nothing of the last run left in the vendor's window
      const key = `bench:loops:${run}`;
      const argv = Array.from({ length: WORKERS }, () => ["calls", vendor.url, limiter, redis.url, key, String(CALLS)]);
      const { outputs, ms } = await runWorkers<{ failed: number }>(app, argv);
      vendor.close();
      const failed = outputs.reduce((sum, o) => sum + o.failed, 0);
      const { requests, refused } = vendor.counts;
      rows.push([
        `${run}`,
        limiter,
        `${failed} of ${WORKERS * CALLS}`,
        refused,
        requests,
        fmt(ms),
        `${((ms / IDEAL_MS - 1) * 100).toFixed(1)} %`,
      ]);
      console.error(rows.at(-1)!.join("  "));
    }
  }
  console.log(table(["run", "limiter", "calls failed", "429s", "requests", "time", "over the ideal 15 s"], rows));

  const n = Number(values.cost);
  const { outputs } = await runWorkers<{ inProcess: number[]; redis: number[] }>(app, [
    ["cost", redis.url, "bench:cost", String(n)],
  ]);
  const [times] = outputs;
  const ms = (side: number[]) =>
    `${fmtUs(median(side))} (p90 ${fmtUs([...side].sort((a, b) => a - b)[Math.floor(side.length * 0.9)]!)})`;
  console.log(
    `\n${table(
      ["limiter", `wait() median over ${n} calls`],
      [
        ["in-process RateLimiter", ms(times!.inProcess)],
        ["redisRateLimiter, Redis on loopback", ms(times!.redis)],
      ],
    )}`,
  );
} finally {
  await redis.stop();
  rmSync(app, { recursive: true, force: true });
  rmSync(dirname(tarball.file), { recursive: true, force: true });
}
