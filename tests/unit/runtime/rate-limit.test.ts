import { afterEach, describe, expect, it, vi } from "vitest";
import {
  exhaustedWait,
  readRateLimitHeaders,
  type RateLimitInfo,
  TokenBucket,
} from "../../../src/runtime/rate-limit.ts";
import { json, scriptedFetch, testClient } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("TokenBucket.reserve: wait per request (10 req/s, burst 10 unless given)", () => {
  const cases = [
    { given: { burst: undefined, calls: [0, 0, 0] }, want: [0, 0, 0] },
    { given: { burst: 2, calls: [0, 0, 0, 0] }, want: [0, 0, 100, 200] },
    { given: { burst: 1, calls: [0, 0, 50] }, want: [0, 100, 150] },
    { given: { burst: 1, calls: [0, 100, 200] }, want: [0, 0, 0] },
    { given: { burst: 2, calls: [0, 0, 1_000, 1_000, 1_000] }, want: [0, 0, 0, 0, 100] },
  ];
  for (const { given, want } of cases) {
    it(`burst=${given.burst} at t=${given.calls.join(",")} → waits ${want.join(",")}`, () => {
      let now = 0;
      const bucket = new TokenBucket({ requestsPerSecond: 10, burst: given.burst }, () => now);
      const waits = given.calls.map((t) => {
        now = t;
        return Math.round(bucket.reserve());
      });
      // Waits are relative to the call time: a call at t=50 reserving the 100 ms slot after a queued one waits 150.
      expect(waits).toEqual(want);
    });
  }

  it("rejects a non-positive rate", () => {
    expect(() => new TokenBucket({ requestsPerSecond: 0 })).toThrow(RangeError);
  });
});

describe("readRateLimitHeaders", () => {
  const now = 1_700_000_000_000;
  const cases: { given: Record<string, string>; want: RateLimitInfo }[] = [
    { given: { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "7" }, want: { limit: 10, remaining: 7 } },
    { given: { "x-ratelimit-reset": "3" }, want: { resetAt: now + 3_000 } },
    { given: { "x-ratelimit-reset": "1700000060" }, want: { resetAt: 1_700_000_060_000 } },
    { given: { "x-ratelimit-remaining": "lots" }, want: {} },
    { given: { "x-ratelimit-remaining": "" }, want: {} },
    { given: {}, want: {} },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => {
      const info: RateLimitInfo = {};
      readRateLimitHeaders(info, new Headers(given), now);
      expect(info).toEqual(want);
    });
  }

  const waits = [
    { given: { remaining: 0, resetAt: 2_000 }, want: 1_000 },
    { given: { remaining: 0, resetAt: 500 }, want: 0 },
    { given: { remaining: 1, resetAt: 2_000 }, want: 0 },
    { given: { remaining: 0 }, want: 0 },
  ];
  for (const { given, want } of waits) {
    it(`exhaustedWait(${JSON.stringify(given)}) at t=1000 → ${want}`, () => {
      expect(exhaustedWait(given, 1_000)).toBe(want);
    });
  }
});

describe("rate limiting through the client", () => {
  it("exposes the last x-ratelimit-* headers seen", async () => {
    const { fetch } = scriptedFetch(
      json(200, { id: "c1" }, { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "9" }),
    );
    const client = testClient(fetch);
    expect(client.rateLimit).toEqual({});
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(client.rateLimit).toEqual({ limit: 10, remaining: 9 });
  });

  it("the token bucket spaces requests beyond the burst", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 10, burst: 2 } });
    const calls = Array.from({ length: 4 }, () => client.GET("/contacts/{id}", { params: { path: { id: "c1" } } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(requests).toHaveLength(4);
    await Promise.all(calls);
  });

  it("waitOnExhausted waits for the reset after remaining hits 0", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      json(200, { id: "c1" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2" }),
      json(200, { id: "c1" }, { "x-ratelimit-remaining": "9" }),
    );
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 100, waitOnExhausted: true } });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const second = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await second;
    expect(requests).toHaveLength(2);
  });

  it("is off by default: no waiting", async () => {
    const { fetch, requests } = scriptedFetch(
      json(200, { id: "c1" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60" }),
    );
    const client = testClient(fetch);
    await Promise.all(
      Array.from({ length: 20 }, () => client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })),
    );
    expect(requests).toHaveLength(20);
  });
});
