// One of several processes sharing a Redis: connects, says "ready", waits for "go" on stdin (so
// that every process starts together), then runs its part and prints one JSON line.
//   limit <url> <key> <calls> <requestsPerSecond> <burst>: the wall-clock times its calls were let through
//   claim <url> <prefix> <ids>: the ids (0 … ids-1, all claimed at once) it claimed first
import { once } from "node:events";
import { createClient } from "redis";
import { redisClaimEvent, redisRateLimiter } from "../../../src/clients/redis.ts";

const [mode, url, key, count, rate, burst] = process.argv.slice(2);
const client = createClient({ url: url! });
client.on("error", () => {}); // connection errors reach the helpers' hook; this only keeps the process alive
await client.connect();
const n = Number(count);
const errors: string[] = [];
const onRedisError = (e: unknown) => void errors.push(String(e));
/** Runs this process's part: sends let through (their wall-clock times) or ids claimed first. */
const part = (): (() => Promise<unknown[]>) => {
  const ids = Array.from({ length: n }, (_, i) => String(i));
  if (mode === "limit") {
    const options = { key: key!, requestsPerSecond: Number(rate), burst: Number(burst), onRedisError };
    const limiter = redisRateLimiter(client, options);
    return () => Promise.all(ids.map(async () => (await limiter.wait(), Date.now())));
  }
  const claim = redisClaimEvent(client, { prefix: key!, onRedisError });
  const until = new Date(Date.now() + 60_000);
  return async () => (await Promise.all(ids.map(async (id) => ((await claim(id, until)) ? id : "")))).filter(Boolean);
};
const run = part();
process.stdout.write("ready\n");
await once(process.stdin, "data");

const result = await run();
process.stdout.write(`${JSON.stringify({ result, errors })}\n`);
await client.quit();
process.stdin.destroy();
