// One worker process of the Redis bench, run from a scratch project with the packed package
// installed: connects, says "ready", waits for "go" on stdin, runs its part, prints one JSON line.
//   calls <server> <in-process|redis> <redis-url> <key> <n>: n Loops calls at once; how many failed
//   cost <redis-url> <key> <n>: n limiter waits one after another, in-process and through Redis (ms each)
import { once } from "node:events";
import { createLoopsClient, LOOPS_RATE_LIMIT } from "loop-api-clients/loops";
import { redisRateLimiter } from "loop-api-clients/redis";
import { RateLimiter } from "loop-api-clients/runtime";

const [mode, ...args] = process.argv.slice(2);
const { createClient } = await import(process.env.REDIS_MODULE);

async function connect(url) {
  const client = createClient({ url });
  client.on("error", (e) => console.error(String(e)));
  await client.connect();
  return client;
}

async function calls(server, limiter, redisUrl, key, n) {
  const redis = limiter === "redis" ? await connect(redisUrl) : undefined;
  const rateLimit = redis ? redisRateLimiter(redis, { key, ...LOOPS_RATE_LIMIT }) : undefined; // undefined: the default, in-process
  const loops = createLoopsClient({ apiKey: "bench-key", baseUrl: server, rateLimit });
  return {
    ready: redis,
    run: async () => {
      const results = await Promise.allSettled(Array.from({ length: n }, () => loops.GET("/v1/api-key")));
      return { failed: results.filter((r) => r.status === "rejected" || r.value.error !== undefined).length };
    },
  };
}

async function cost(redisUrl, key, n) {
  const redis = await connect(redisUrl);
  // Too generous to throttle: only the limiter's own work is timed.
  const options = { requestsPerSecond: 1_000_000, burst: 10_000 };
  const sides = { inProcess: new RateLimiter(options), redis: redisRateLimiter(redis, { key, ...options }) };
  return {
    ready: redis,
    run: async () => {
      const times = { inProcess: [], redis: [] };
      for (let i = 0; i < n; i++) {
        for (const [name, limiter] of Object.entries(sides)) {
          const start = performance.now();
          await limiter.wait();
          times[name].push(performance.now() - start);
        }
      }
      return times;
    },
  };
}

const part =
  mode === "calls"
    ? await calls(args[0], args[1], args[2], args[3], Number(args[4]))
    : await cost(args[0], args[1], Number(args[2]));
process.stdout.write("ready\n");
await once(process.stdin, "data");
const result = await part.run();
process.stdout.write(`${JSON.stringify(result)}\n`);
await part.ready?.quit();
process.stdin.destroy();
