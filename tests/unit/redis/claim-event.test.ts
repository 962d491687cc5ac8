// redisClaimEvent against Debian's redis-server on a loopback port: claims from several processes at
// once, the expiry the receiver asks for, a receiver reporting a repeat, and Redis down.
import { createHmac } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lifeloopWebhooks } from "../../../src/clients/lifeloop-webhooks.ts";
import { redisClaimEvent } from "../../../src/clients/redis.ts";
import { type RunningRedis, startRedis } from "../../support/redis.ts";
import { runWorkers } from "./processes.ts";

let redis: RunningRedis;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 50 } });
  client.on("error", () => {});
  await client.connect();
});
afterAll(async () => {
  client.destroy();
  await redis.stop();
});

const inAMinute = () => new Date(Date.now() + 60_000);

describe("redisClaimEvent", () => {
  it("four processes claiming the same 50 ids at once: each id is claimed exactly once", async () => {
    const outputs = await runWorkers<string[]>([1, 2, 3, 4].map(() => ["claim", redis.url, "test:claims:", "50"]));
    const claimed = outputs.flatMap((o) => o.result).sort((a, b) => +a - +b);
    expect(claimed).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(outputs.flatMap((o) => o.errors)).toEqual([]);
  }, 60_000);

  it("keeps a claimed id until the expiry the receiver passes, under the prefix", async () => {
    const claim = redisClaimEvent(client, { prefix: "test:expiry:" });
    expect(await claim("evt-1", new Date(Date.now() + 30_000))).toBe(true);
    expect(await claim("evt-1", new Date(Date.now() + 30_000))).toBe(false);
    const ttl = Number(await client.sendCommand(["PTTL", "test:expiry:evt-1"]));
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await claim("evt-2", new Date(Date.now() - 1_000))).toBe(true); // already past: kept 1 ms
  });

  it("a LifeLoop receiver with it reports the second delivery of one event as duplicate", async () => {
    const secret = "whsec_redis_claims";
    const hooks = lifeloopWebhooks({ secret, claimEvent: redisClaimEvent(client, { prefix: "test:lifeloop:" }) });
    const body = JSON.stringify({
      eventId: "evt-redis-1",
      eventType: "resident.created",
      tenant: "sunrise-001",
      occurredAt: new Date().toISOString(),
      resourceId: "res-001",
    });
    const headers = { "x-lifeloop-signature": createHmac("sha256", secret).update(body).digest("hex") };
    expect((await hooks.verify(body, headers)).kind).toBe("known");
    expect((await hooks.verify(body, headers)).kind).toBe("duplicate");
  });

  it("Redis down or not answering: the event is treated as not seen (delivered), said once", async () => {
    const errors: unknown[] = [];
    const claim = redisClaimEvent(client, {
      prefix: "test:down:",
      timeoutMs: 100,
      onRedisError: (e) => errors.push(e),
    });
    expect(await claim("evt-1", inAMinute())).toBe(true);
    redis.freeze();
    expect(await claim("evt-1", inAMinute())).toBe(true);
    redis.thaw();
    await redis.stop();
    expect(await claim("evt-1", inAMinute())).toBe(true);
    expect(await claim("evt-1", inAMinute())).toBe(true);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/no answer within 100 ms/);
    await redis.start();
  });

  it("refuses a missing prefix or client", () => {
    expect(() => redisClaimEvent(client, { prefix: "" })).toThrow(/`prefix` must be a non-empty string/);
    expect(() => redisClaimEvent(undefined as never, { prefix: "p:" })).toThrow(/`client` must be a Redis client/);
  });
});
