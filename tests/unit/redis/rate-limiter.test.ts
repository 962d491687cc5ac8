// redisRateLimiter against Debian's redis-server on a loopback port: several processes sharing a
// key, the shared hold, Redis stopped and restarted, Redis frozen. Verdicts rest on lower bounds of
// time (a busy machine only makes calls later) or on the fault injected, never on a race.
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redisRateLimiter } from "../../../src/clients/redis.ts";
import { LIFELOOP_RATE_LIMIT } from "../../../src/clients/lifeloop.ts";
import { createLoopsClient, LOOPS_RATE_LIMIT } from "../../../src/clients/loops.ts";
import { type RunningRedis, startRedis } from "../../support/redis.ts";
import { runWorkers } from "./processes.ts";

let redis: RunningRedis;
const clients: ReturnType<typeof createClient>[] = [];
let keys = 0;
/** A key no other test uses. */
const newKey = () => `test:limit:${++keys}`;

/** A connected node-redis client that reconnects quickly after an outage. */
async function connect() {
  const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
  client.on("error", () => {}); // the limiter's hook reports what matters
  clients.push(client);
  await client.connect();
  return client;
}

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  redis.thaw();
  await redis.start();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.isOpen && c.destroy()));
  await redis.stop();
});

/** Polls `check` every 20 ms until it is true, for at most 10 s. */
async function eventually(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition not met within 10 s");
}

const exhausted = (resetSeconds: number) =>
  new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetSeconds) });

describe("redisRateLimiter: one limit for every process sharing a key", () => {
  it("three processes × 20 calls at 20/s, burst 5: the k-th send is at least ⌊k/5⌋ windows of 250 ms after the start", async () => {
    const key = newKey();
    let start = 0;
    const outputs = await runWorkers<number[]>(
      [1, 2, 3].map(() => ["limit", redis.url, key, "20", "20", "5"]),
      () => (start = Date.now()),
    );
    const sends = outputs.flatMap((o) => o.result).sort((a, b) => a - b);
    expect(sends).toHaveLength(60);
    expect(outputs.flatMap((o) => o.errors)).toEqual([]);
    // Each limited alone, every process would send its 20 within one second; shared, the 60 need 11 windows.
    // 2 ms of slack: a timer may fire up to a millisecond early, and times are whole milliseconds.
    const early = sends.map((t, k) => t - (start + Math.floor(k / 5) * 250)).filter((d) => d < -2);
    expect(early).toEqual([]);
  }, 60_000);

  it("waits are served in the order they reached Redis, a window plus the 100 ms margin apart", async () => {
    const client = await connect();
    const limiter = redisRateLimiter(client, { key: newKey(), requestsPerSecond: 10, burst: 1 });
    const start = performance.now();
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map(async (i) => (await limiter.wait(), order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(3 * (100 + 100) - 2);
  });

  it("a response with x-ratelimit-remaining: 0 holds every process until the reset, also a call already waiting", async () => {
    const key = newKey();
    const [a, b] = [await connect(), await connect()];
    const options = { key, requestsPerSecond: 1, burst: 1, waitOnExhausted: true };
    const [here, there] = [redisRateLimiter(a, options), redisRateLimiter(b, options)];
    await there.wait(); // the first send; the next one's place is 1 s later
    const waiting = there.wait();
    const held = performance.now();
    here.observe(exhausted(2));
    await a.sendCommand(["PING"]); // after the hold on the same connection: Redis has it now
    expect(Number(await b.sendCommand(["PTTL", `${key}:hold`]))).toBeGreaterThan(1000);
    await waiting;
    expect(performance.now() - held).toBeGreaterThanOrEqual(2000 - 2);
    expect(here.info).toMatchObject({ remaining: 0 });
  }, 20_000);

  it("a hold lasts at most 60 s, and both keys expire on their own", async () => {
    const client = await connect();
    const key = newKey();
    const limiter = redisRateLimiter(client, { key, ...LIFELOOP_RATE_LIMIT });
    await limiter.wait();
    limiter.observe(exhausted(600));
    const [sent, hold] = await Promise.all(["sent", "hold"].map((k) => client.sendCommand(["PTTL", `${key}:${k}`])));
    expect(Number(sent)).toBeGreaterThan(0);
    expect(Number(hold)).toBeGreaterThan(55_000);
    expect(Number(hold)).toBeLessThanOrEqual(60_000);
  });

  it("without a rate it counts nothing and only shares the hold", async () => {
    const client = await connect();
    const key = newKey();
    const limiter = redisRateLimiter(client, { key, waitOnExhausted: true });
    await Promise.all(Array.from({ length: 20 }, () => limiter.wait()));
    expect(await client.sendCommand(["EXISTS", `${key}:sent`])).toBe(0);
    limiter.observe(exhausted(5));
    expect(Number(await client.sendCommand(["PTTL", `${key}:hold`]))).toBeGreaterThan(4000);
  });

  it("without waitOnExhausted (Loops) remaining: 0 holds nobody", async () => {
    const client = await connect();
    const key = newKey();
    redisRateLimiter(client, { key, ...LOOPS_RATE_LIMIT }).observe(exhausted(5));
    expect(await client.sendCommand(["EXISTS", `${key}:hold`])).toBe(0);
  });

  it("a call whose signal aborts while it waits for its place rejects with the signal's reason", async () => {
    const client = await connect();
    const limiter = redisRateLimiter(client, { key: newKey(), requestsPerSecond: 1, burst: 1 });
    await limiter.wait();
    const controller = new AbortController();
    const waiting = limiter.wait(controller.signal);
    controller.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
    await expect(limiter.wait(AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("a Loops client uses it as its rateLimit: the call is counted in Redis, the headers read", async () => {
    const client = await connect();
    const key = newKey();
    const loops = createLoopsClient({
      apiKey: "test-key",
      rateLimit: redisRateLimiter(client, { key, ...LOOPS_RATE_LIMIT }),
      fetch: async () => Response.json({ success: true }, { headers: { "x-ratelimit-remaining": "9" } }),
    });
    await loops.GET("/v1/api-key");
    expect(await client.sendCommand(["LLEN", `${key}:sent`])).toBe(1);
    expect(loops.rateLimit).toMatchObject({ remaining: 9 });
  });
});

describe("redisRateLimiter without Redis", () => {
  it("Redis stopped: calls are limited in this process, said once; restarted: Redis is used again", async () => {
    const client = await connect();
    const key = newKey();
    const errors: unknown[] = [];
    const limiter = redisRateLimiter(client, { key, requestsPerSecond: 1000, onRedisError: (e) => errors.push(e) });
    await limiter.wait();
    expect(await client.sendCommand(["LLEN", `${key}:sent`])).toBe(1);

    await redis.stop();
    for (let i = 0; i < 5; i++) await limiter.wait();
    expect(errors).toHaveLength(1);

    await redis.start(); // empty: no key survives
    await eventually(() => client.isReady);
    await eventually(
      async () => (
        await limiter.wait(),
        client.isReady && Number(await client.sendCommand(["LLEN", `${key}:sent`])) === 1
      ),
    );
    expect(errors).toHaveLength(1);

    await redis.stop(); // a second outage is said again
    await limiter.wait();
    expect(errors).toHaveLength(2);
  }, 30_000);

  it("after a failure, Redis is tried again at most once a second", async () => {
    const real = await connect();
    let sent = 0;
    const client = { sendCommand: (args: string[]) => (sent++, real.sendCommand(args)) };
    const limiter = redisRateLimiter(client, {
      key: newKey(),
      requestsPerSecond: 1000,
      timeoutMs: 100,
      onRedisError: () => {},
    });
    redis.freeze();
    for (let i = 0; i < 5; i++) await limiter.wait();
    expect(sent).toBe(1);
  });

  it("falls back to the in-process limit with the same options", async () => {
    const client = await connect();
    const limiter = redisRateLimiter(client, {
      key: newKey(),
      requestsPerSecond: 10,
      burst: 1,
      onRedisError: () => {},
    });
    await redis.stop();
    const start = performance.now();
    for (let i = 0; i < 4; i++) await limiter.wait();
    expect(performance.now() - start).toBeGreaterThanOrEqual(300 - 2);
  });

  it("Redis not answering (frozen): a call goes on in this process after timeoutMs, and says why", async () => {
    const client = await connect();
    const errors: unknown[] = [];
    const limiter = redisRateLimiter(client, {
      key: newKey(),
      requestsPerSecond: 1000,
      timeoutMs: 100,
      onRedisError: (e) => errors.push(e),
    });
    redis.freeze();
    await limiter.wait();
    expect(String(errors[0])).toMatch(/no answer within 100 ms/);
  });

  it("says so with one console.warn when no hook is given", async () => {
    const warned: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      const client = await connect();
      const limiter = redisRateLimiter(client, { key: newKey(), ...LIFELOOP_RATE_LIMIT });
      await redis.stop();
      await limiter.wait();
      await limiter.wait();
    } finally {
      console.warn = original;
    }
    expect(warned).toHaveLength(1);
    expect(String(warned[0])).toMatch(
      /^loop-api-clients\/redis: redisRateLimiter cannot use Redis .*limiting in this process/,
    );
  });
});

describe("redisRateLimiter options", () => {
  const client = { sendCommand: async () => 0 };
  const cases = [
    {
      given: () => redisRateLimiter(client, { key: "", requestsPerSecond: 1 }),
      want: /`key` must be a non-empty string/,
    },
    { given: () => redisRateLimiter({} as never, { key: "k" }), want: /`client` must be a Redis client/ },
    { given: () => redisRateLimiter(client, { key: "k", requestsPerSecond: 0 }), want: /rateLimit\.requestsPerSecond/ },
    { given: () => redisRateLimiter(client, { key: "k", burst: 0.5 }), want: /rateLimit\.burst/ },
    { given: () => redisRateLimiter(client, { key: "k", timeoutMs: 0 }), want: /redisRateLimiter: timeoutMs/ },
    { given: () => redisRateLimiter(client, { key: "k", marginMs: -1 }), want: /redisRateLimiter: marginMs/ },
  ];
  for (const { given, want } of cases) it(`refuses ${want.source}`, () => expect(given).toThrow(want));
});
