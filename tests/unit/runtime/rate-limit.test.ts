import { afterEach, describe, expect, it, vi } from "vitest";
import { APITimeoutError, APIUserAbortError } from "../../../src/runtime/errors.ts";
import { RateLimiter, type RateLimitInfo } from "../../../src/runtime/rate-limit.ts";
import { json, scriptedFetch, testClient } from "./helpers.ts";

// Fake timers drive both the limiter's timers and its monotonic clock (performance.now).
const fakeTime = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });

afterEach(() => {
  vi.useRealTimers();
});

/** Calls `limiter.wait()` at each time of `calls` (ms, ascending) and returns when each was let through. */
async function schedule(limiter: RateLimiter, calls: number[]): Promise<number[]> {
  const start = performance.now();
  const passed: number[] = [];
  for (const [i, t] of calls.entries()) {
    await vi.advanceTimersByTimeAsync(t - (performance.now() - start));
    const waited = limiter.wait();
    if (waited) void waited.then(() => (passed[i] = performance.now() - start));
    else passed[i] = performance.now() - start;
  }
  await vi.advanceTimersByTimeAsync(60_000);
  return passed.map(Math.round);
}

describe("RateLimiter.wait: when each call may send", () => {
  const cases = [
    { given: { rate: 10, burst: undefined, calls: [0, 0, 0] }, want: [0, 0, 0] },
    // Defect 17: a full bucket plus a second's refill let 20 through in the first second.
    {
      given: { rate: 10, burst: undefined, calls: Array(20).fill(0) },
      want: [...Array(10).fill(0), ...Array(10).fill(1000)],
    },
    { given: { rate: 10, burst: 2, calls: [0, 0, 0, 0, 0] }, want: [0, 0, 200, 200, 400] },
    { given: { rate: 10, burst: 1, calls: [0, 0, 50] }, want: [0, 100, 200] },
    { given: { rate: 10, burst: 1, calls: [0, 100, 200] }, want: [0, 100, 200] },
    { given: { rate: 2, burst: undefined, calls: [0, 0, 0, 600] }, want: [0, 0, 1000, 1000] },
    { given: { rate: 0.5, burst: undefined, calls: [0, 0] }, want: [0, 2000] },
    // Rounded down: never more than asked.
    { given: { rate: 2.9, burst: undefined, calls: [0, 0, 0] }, want: [0, 0, 1000] },
    // Beyond 1 000/s the window shrinks rather than the ring growing.
    {
      given: { rate: 4000, burst: undefined, calls: Array(2001).fill(0) },
      want: [...Array(1000).fill(0), ...Array(1000).fill(250), 500],
    },
  ];
  for (const { given, want } of cases) {
    it(`${given.rate}/s, burst ${given.burst}, ${given.calls.length} calls at ${[...new Set(given.calls)].join(",")} → sent at ${[...new Set(want)].join(",")}`, async () => {
      fakeTime();
      const limiter = new RateLimiter({ requestsPerSecond: given.rate, burst: given.burst });
      expect(await schedule(limiter, given.calls)).toEqual(want);
    });
  }

  it("never more than requestsPerSecond in any one-second window, over a long run", async () => {
    fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 10 });
    const sent = await schedule(
      limiter,
      Array.from({ length: 95 }, (_, i) => i * 37),
    );
    for (const t of sent) expect(sent.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(10);
  });

  // Defect 18: `burst: NaN` turned the limiter off.
  const invalid = [
    { given: { requestsPerSecond: 0 } },
    { given: { requestsPerSecond: Number.NaN } },
    { given: { requestsPerSecond: Number.POSITIVE_INFINITY } },
    { given: { requestsPerSecond: 10, burst: Number.NaN } },
    { given: { requestsPerSecond: 10, burst: 0 } },
    { given: { requestsPerSecond: 10, burst: 1.5 } },
    { given: { requestsPerSecond: 10, burst: 10_001 } },
  ];
  for (const { given } of invalid) {
    it(`${JSON.stringify(given, (_k, v) => (typeof v === "number" ? String(v) : v))} → RangeError`, () => {
      expect(() => new RateLimiter(given)).toThrow(RangeError);
      expect(() => new RateLimiter(given)).toThrow(/`rateLimit\.(requestsPerSecond|burst)`/);
    });
  }

  // Defect 3: aborted calls kept their places; after 92 aborts the next call waited 9 s.
  it("a call that aborts while queued leaves the queue and frees its place", async () => {
    fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 10 });
    const start = performance.now();
    for (let i = 0; i < 10; i++) expect(limiter.wait()).toBeUndefined();
    const controllers = Array.from({ length: 92 }, () => new AbortController());
    const queued = controllers.map((c) => limiter.wait(c.signal)!.catch((e: unknown) => e));
    for (const c of controllers) c.abort(new Error("gone"));
    expect((await Promise.all(queued)).every((e) => e instanceof Error && e.message === "gone")).toBe(true);
    let sentAt: number | undefined;
    void limiter.wait()!.then(() => (sentAt = performance.now() - start));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sentAt).toBe(1000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an aborted signal is refused at once, without queueing", async () => {
    fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    limiter.wait();
    const reason = new Error("already");
    await expect(limiter.wait(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  // Defect 21: a backward step of the wall clock stalled the limiter.
  it("a step of the wall clock changes nothing (a monotonic clock)", async () => {
    fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 1 });
    expect(limiter.wait()).toBeUndefined();
    vi.setSystemTime(Date.now() - 3_600_000);
    let sent = false;
    void limiter.wait()!.then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toBe(true);
  });

  it("a limiter without a rate never waits", () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 1_000; i++) expect(limiter.wait()).toBeUndefined();
  });
});

describe("RateLimiter.observe", () => {
  const now = 1_700_000_000_000;
  const cases: { given: Record<string, string>; want: RateLimitInfo }[] = [
    { given: { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "7" }, want: { limit: 10, remaining: 7 } },
    { given: { "x-ratelimit-reset": "3" }, want: { resetAt: now + 3_000 } },
    { given: { "x-ratelimit-reset": "1700000060" }, want: { resetAt: 1_700_000_060_000 } },
    // Defect 20: epoch milliseconds were read as seconds (a reset in the year 55,000).
    { given: { "x-ratelimit-reset": "1700000060000" }, want: { resetAt: 1_700_000_060_000 } },
    { given: { "x-ratelimit-remaining": "lots" }, want: {} },
    { given: { "x-ratelimit-remaining": "" }, want: {} },
    { given: {}, want: {} },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${JSON.stringify(want)}`, () => {
      vi.useFakeTimers({ toFake: ["Date"], now });
      const limiter = new RateLimiter();
      limiter.observe(new Headers(given));
      expect(limiter.info).toEqual(want);
    });
  }

  const exhausted = [
    { given: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2" }, want: 2_000 },
    { given: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "600" }, want: 60_000 },
    { given: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 - 5) }, want: 0 },
    { given: { "x-ratelimit-remaining": "3", "x-ratelimit-reset": "2" }, want: 0 },
  ];
  for (const { given, want } of exhausted) {
    it(`waitOnExhausted after ${JSON.stringify(given)} → the next call waits ${want} ms`, async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"], now });
      const limiter = new RateLimiter({ waitOnExhausted: true });
      limiter.observe(new Headers(given));
      expect(await schedule(limiter, [0])).toEqual([want]);
    });
  }

  it("a late response of the same window (remaining: 1, same reset) does not lift the hold", async () => {
    fakeTime();
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 600, waitOnExhausted: true });
    limiter.observe(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }));
    limiter.observe(new Headers({ "x-ratelimit-remaining": "1", "x-ratelimit-reset": "30" }));
    let sentAt: number | undefined;
    const start = performance.now();
    void limiter.wait()?.then(() => (sentAt = performance.now() - start));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(sentAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sentAt).toBe(30_000);
  });

  it("a response of a later window lifts the hold", async () => {
    fakeTime();
    const limiter = new RateLimiter({ waitOnExhausted: true });
    limiter.observe(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }));
    let sent = false;
    void limiter.wait()?.then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(100);
    limiter.observe(new Headers({ "x-ratelimit-remaining": "599", "x-ratelimit-reset": "90" }));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(true);
  });

  it("a later response with requests left releases the queue at once", async () => {
    fakeTime();
    const limiter = new RateLimiter({ waitOnExhausted: true });
    limiter.observe(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }));
    let sent = false;
    void limiter.wait()!.then(() => (sent = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toBe(false);
    limiter.observe(new Headers({ "x-ratelimit-remaining": "5" }));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toBe(true);
  });
});

describe("rateLimit: a limiter, its options, or false; anything else is a TypeError", () => {
  it("a limiter from another copy of the package (same shape, not this class) is used", async () => {
    const waits: unknown[] = [];
    const seen: Headers[] = [];
    const foreign = {
      info: {},
      wait: (signal?: AbortSignal) => void waits.push(signal),
      observe: (h: Headers) => void seen.push(h),
    };
    const { fetch } = scriptedFetch(json(200, { id: "c1" }, { "x-ratelimit-remaining": "3" }));
    const client = testClient(fetch, { rateLimit: foreign as unknown as RateLimiter });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(waits).toHaveLength(1);
    expect(seen.map((h) => h.get("x-ratelimit-remaining"))).toEqual(["3"]);
  });

  const bad = {
    true: true,
    "a number": 5,
    "a string": "fast",
    "a function": () => {},
    "an array": [],
    "options with a misspelt key": { requestPerSecond: 5 },
    "half a limiter (no observe)": { wait: () => {} },
    "a Map": new Map(),
  };
  for (const [name, given] of Object.entries(bad)) {
    it(`${name} → TypeError naming rateLimit`, () => {
      expect(() => testClient(undefined, { rateLimit: given as never })).toThrow(TypeError);
      expect(() => testClient(undefined, { rateLimit: given as never })).toThrow(/rateLimit/);
    });
  }

  it("false, undefined and options are accepted", () => {
    for (const rateLimit of [false, undefined, {}, { requestsPerSecond: 5, burst: 5, waitOnExhausted: true }] as const)
      expect(() => testClient(undefined, { rateLimit })).not.toThrow();
  });
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

  it("one limiter shared by two clients: one queue, one set of headers", async () => {
    fakeTime();
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }, { "x-ratelimit-remaining": "4" }));
    const shared = new RateLimiter({ requestsPerSecond: 2 });
    const a = testClient(fetch, { rateLimit: shared });
    const b = testClient(fetch, { rateLimit: shared });
    const get = (c: typeof a) => c.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const calls = [get(a), get(b), get(a), get(b)];
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(4);
    await Promise.all(calls);
    expect(a.rateLimit).toBe(b.rateLimit);
    expect(b.rateLimit).toEqual({ remaining: 4 });
  });

  // A limiter not made by this copy's RateLimiter class (a Redis-backed one, or one from the other of
  // two installed copies) was taken for options and silently replaced by a limiter without a rate.
  it("any object with info, wait and observe is used as the limiter, not replaced", async () => {
    const { fetch } = scriptedFetch(json(200, { id: "c1" }, { "x-ratelimit-remaining": "3" }));
    const seen: string[] = [];
    const info: RateLimitInfo = { limit: 7 };
    const limiter = {
      info,
      wait: () => void seen.push("wait"),
      observe: (headers: Headers) => void seen.push(`observe ${headers.get("x-ratelimit-remaining")}`),
    };
    const client = testClient(fetch, { rateLimit: limiter });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(seen).toEqual(["wait", "observe 3"]);
    expect(client.rateLimit).toBe(info);
  });

  // Defect 3, second half: `timeoutMs` did not cover the wait in the queue.
  it("timeoutMs covers the queue: a call still queued when it fires is an APITimeoutError, never sent", async () => {
    fakeTime();
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 1 }, maxRetries: 0 });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const late = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, timeoutMs: 300 });
    const settled = expect(late).rejects.toBeInstanceOf(APITimeoutError);
    await vi.advanceTimersByTimeAsync(300);
    await settled;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(requests).toHaveLength(1);
  });

  it("a caller abort takes a queued call out of the queue", async () => {
    fakeTime();
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 1 } });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const controller = new AbortController();
    const aborted = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
    const next = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const settled = expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
    controller.abort();
    await settled;
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    expect(requests).toHaveLength(2);
  });

  it("waitOnExhausted waits for the reset after remaining hits 0", async () => {
    fakeTime();
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
