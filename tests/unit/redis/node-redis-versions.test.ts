// The peer range says node-redis 5 or 6: both majors' clients, as `createClient()` makes them, drive
// the limiter and the claims, and a client that is not connected sends both to their fallback at once.
import { createClient as createClient5 } from "redis";
import { createClient as createClient6 } from "redis6";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisClaimEvent, redisRateLimiter } from "../../../src/clients/redis.ts";
import { type RunningRedis, startRedis } from "../../support/redis.ts";

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const majors = [
  { name: "redis 5", createClient: (url: string) => createClient5({ url }) },
  { name: "redis 6", createClient: (url: string) => createClient6({ url }) },
];

describe.each(majors)("$name", ({ name, createClient }) => {
  it("reserves in Redis and claims with SET NX", async () => {
    const client = createClient(redis.url);
    await client.connect();
    try {
      const key = `test:versions:${name}`;
      const limiter = redisRateLimiter(client, { key, requestsPerSecond: 10 });
      await limiter.wait();
      await limiter.wait();
      expect(Number(await client.sendCommand(["LLEN", `${key}:sent`]))).toBe(2);
      const claim = redisClaimEvent(client, { prefix: `${key}:claims:` });
      const until = new Date(Date.now() + 10_000);
      expect([await claim("evt", until), await claim("evt", until)]).toEqual([true, false]);
    } finally {
      client.destroy();
    }
  });

  it("a client never connected: the in-process limit and `not seen`, said once each", async () => {
    const client = createClient(redis.url); // no connect(): isReady is false
    const errors: unknown[] = [];
    const onRedisError = (e: unknown) => errors.push(e);
    const limiter = redisRateLimiter(client, { key: "test:versions:unconnected", requestsPerSecond: 10, onRedisError });
    await limiter.wait();
    await limiter.wait();
    const claim = redisClaimEvent(client, { prefix: "test:versions:unconnected:", onRedisError });
    expect(await claim("evt", new Date(Date.now() + 10_000))).toBe(true);
    expect(errors.map(String)).toEqual(["Error: the client is not connected", "Error: the client is not connected"]);
  });
});
