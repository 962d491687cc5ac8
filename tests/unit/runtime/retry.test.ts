import { afterEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, InternalServerError, RateLimitError, unwrap } from "../../../src/runtime/errors.ts";
import {
  backoffOption,
  isRetryableRequest,
  isRetryableResponse,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  retryDelay,
} from "../../../src/runtime/retry.ts";
import { retryAtOnce, json, scriptedFetch, testClient } from "./helpers.ts";

describe("isRetryableRequest: which requests may be resent", () => {
  const cases = [
    { given: { method: "GET", keyed: false }, want: true },
    { given: { method: "HEAD", keyed: false }, want: true },
    { given: { method: "OPTIONS", keyed: false }, want: true },
    { given: { method: "PUT", keyed: false }, want: true },
    { given: { method: "DELETE", keyed: false }, want: true },
    { given: { method: "POST", keyed: false }, want: false },
    { given: { method: "PATCH", keyed: false }, want: false },
    { given: { method: "POST", keyed: true }, want: true },
    { given: { method: "PATCH", keyed: true }, want: true },
  ];
  for (const { given, want } of cases) {
    it(`${given.method}${given.keyed ? " of an operation that takes an Idempotency-Key" : ""} → ${want}`, () => {
      expect(isRetryableRequest(given.method, given.keyed)).toBe(want);
    });
  }
});

describe("isRetryableResponse: which statuses are retried", () => {
  const cases = [
    { given: { status: 200 }, want: false },
    { given: { status: 400 }, want: false },
    { given: { status: 401 }, want: false },
    { given: { status: 404 }, want: false },
    { given: { status: 408 }, want: true },
    { given: { status: 409 }, want: false },
    { given: { status: 422 }, want: false },
    { given: { status: 429 }, want: true },
    { given: { status: 500 }, want: true },
    { given: { status: 502 }, want: true },
    { given: { status: 503 }, want: true },
    { given: { status: 504 }, want: true },
    { given: { status: 503, hint: "false" }, want: false },
    { given: { status: 400, hint: "true" }, want: true },
    // Never an ok response or a 409, whatever the hint: a successful POST must not go out again.
    { given: { status: 200, hint: "true" }, want: false },
    { given: { status: 201, hint: "true" }, want: false },
    { given: { status: 409, hint: "true" }, want: false },
  ];
  for (const { given, want } of cases) {
    it(`${given.status}${given.hint ? ` x-should-retry: ${given.hint}` : ""} → ${want}`, () => {
      const headers = new Headers(given.hint ? { "x-should-retry": given.hint } : {});
      expect(isRetryableResponse({ status: given.status, headers })).toBe(want);
    });
  }
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  const cases: { given: Record<string, string>; want: number | undefined }[] = [
    { given: { "retry-after-ms": "250" }, want: 250 },
    { given: { "retry-after-ms": "0" }, want: 0 },
    { given: { "retry-after-ms": "1.5" }, want: 1.5 },
    { given: { "retry-after-ms": "250", "retry-after": "9" }, want: 250 },
    { given: { "retry-after-ms": "soon", "retry-after": "2" }, want: 2000 },
    { given: { "retry-after": "3" }, want: 3000 },
    { given: { "retry-after": "0" }, want: 0 },
    { given: { "retry-after": " 7 " }, want: 7000 },
    { given: { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }, want: 5000 },
    { given: { "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }, want: 0 },
    { given: { "retry-after": "Sunday, 06-Nov-94 08:49:37 GMT" }, want: 0 },
    // The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime (read as GMT).
    { given: { "retry-after": "Wed Jan  1 00:00:05 2025" }, want: 5000 },
    { given: { "retry-after": "Wed Jan 15 00:00:00 2025" }, want: 14 * 86_400_000 },
    { given: { "retry-after": "Sun Nov  6 08:49:37 1994" }, want: 0 },
    { given: { "retry-after": "Wed Jan 1 00:00:05 2025" }, want: undefined },
    { given: { "retry-after": "garbage" }, want: undefined },
    // Only an HTTP-date: Date.parse reads these as dates in 2001 or as ISO times.
    { given: { "retry-after": "soon 5" }, want: undefined },
    { given: { "retry-after": "Jan 5" }, want: undefined },
    { given: { "retry-after": "2025-01-01T00:00:05Z" }, want: undefined },
    { given: { "retry-after": "Wed, 01 Jan 2025 00:00:05" }, want: undefined },
    { given: { "retry-after": "-5" }, want: undefined },
    { given: { "retry-after": "" }, want: undefined },
    { given: { "retry-after-ms": "-1" }, want: undefined },
    { given: {}, want: undefined },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want}`, () => {
      expect(parseRetryAfter(new Headers(given), now)).toBe(want);
    });
  }
});

describe("retryDelay: backoff and caps", () => {
  const noJitter = () => 0;
  const fullJitter = () => 1;
  const cases: { given: { attempt: number; headers?: Record<string, string>; random: () => number }; want: number }[] =
    [
      { given: { attempt: 0, random: noJitter }, want: 500 },
      { given: { attempt: 1, random: noJitter }, want: 1000 },
      { given: { attempt: 2, random: noJitter }, want: 2000 },
      { given: { attempt: 3, random: noJitter }, want: 4000 },
      { given: { attempt: 4, random: noJitter }, want: 8000 },
      { given: { attempt: 5, random: noJitter }, want: 8000 },
      { given: { attempt: 30, random: noJitter }, want: 8000 },
      { given: { attempt: 0, random: fullJitter }, want: 375 },
      { given: { attempt: 10, random: fullJitter }, want: 6000 },
      { given: { attempt: 0, headers: { "retry-after": "2" }, random: noJitter }, want: 2000 },
      { given: { attempt: 3, headers: { "retry-after-ms": "10" }, random: noJitter }, want: 10 },
      { given: { attempt: 0, headers: { "retry-after": "3600" }, random: noJitter }, want: MAX_RETRY_AFTER_MS },
      { given: { attempt: 1, headers: { "retry-after": "nonsense" }, random: noJitter }, want: 1000 },
      { given: { attempt: 1, headers: { "retry-after": "soon 5" }, random: noJitter }, want: 1000 },
    ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify({ ...given, random: given.random() })} → ${want}`, () => {
      const headers = given.headers ? new Headers(given.headers) : undefined;
      expect(retryDelay(given.attempt, headers, backoffOption(undefined), given.random)).toBe(want);
    });
  }

  const backoffs = [
    { given: { initialDelayMs: 0 }, want: 0 },
    { given: { initialDelayMs: 100, maxDelayMs: 150 }, want: 150 },
  ];
  for (const { given, want } of backoffs) {
    it(`backoff ${JSON.stringify(given)}, attempt 1 → ${want}`, () => {
      expect(retryDelay(1, undefined, backoffOption(given), () => 0)).toBe(want);
    });
  }

  // Defect 19: `initialDelayMs: NaN` made every delay NaN, i.e. a retry at once.
  const invalid = [
    { given: { initialDelayMs: Number.NaN } },
    { given: { initialDelayMs: -1 } },
    { given: { maxDelayMs: Number.POSITIVE_INFINITY } },
    { given: { maxDelayMs: "100" as unknown as number } },
  ];
  for (const { given } of invalid) {
    it(`backoff ${String(Object.values(given)[0])} → RangeError`, () => {
      expect(() => backoffOption(given)).toThrow(RangeError);
    });
  }
});

describe("retries through the client (injected fetch)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const retried: {
    given: { status: number; method: "GET" | "PUT" | "DELETE"; hint?: string };
    want: { calls: number; ok: boolean };
  }[] = [
    { given: { status: 500, method: "GET" }, want: { calls: 3, ok: false } },
    { given: { status: 503, method: "PUT" }, want: { calls: 3, ok: false } },
    { given: { status: 429, method: "DELETE" }, want: { calls: 3, ok: false } },
    { given: { status: 408, method: "GET" }, want: { calls: 3, ok: false } },
    { given: { status: 404, method: "GET" }, want: { calls: 1, ok: false } },
    { given: { status: 409, method: "PUT" }, want: { calls: 1, ok: false } },
    { given: { status: 200, method: "GET" }, want: { calls: 1, ok: true } },
    { given: { status: 200, method: "PUT" as const, hint: "true" }, want: { calls: 1, ok: true } },
    { given: { status: 409, method: "PUT" as const, hint: "true" }, want: { calls: 1, ok: false } },
    { given: { status: 400, method: "GET" as const, hint: "true" }, want: { calls: 3, ok: false } },
  ];
  for (const { given, want } of retried) {
    it(`${given.method} answered ${given.status}${given.hint ? ` + x-should-retry: ${given.hint}` : ""} → ${want.calls} call(s)`, async () => {
      const headers: Record<string, string> = given.hint
        ? { ...retryAtOnce, "x-should-retry": given.hint }
        : retryAtOnce;
      const { fetch, requests } = scriptedFetch(json(given.status, { id: "c1", message: "x" }, headers));
      const client = testClient(fetch);
      const { response } =
        given.method === "GET"
          ? await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })
          : given.method === "PUT"
            ? await client.PUT("/contacts/{id}", { params: { path: { id: "c1" } }, body: { email: "a@b.c" } })
            : await client.DELETE("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(requests).toHaveLength(want.calls);
      expect(response.ok).toBe(want.ok);
    });
  }

  it("recovers when a later attempt succeeds, resending the same body", async () => {
    const { fetch, bodies } = scriptedFetch(
      json(503, {}, retryAtOnce),
      json(502, {}, retryAtOnce),
      json(200, { id: "c1" }),
    );
    const client = testClient(fetch);
    const { data } = await client.PUT("/contacts/{id}", { params: { path: { id: "c1" } }, body: { email: "a@b.c" } });
    expect(data).toEqual({ id: "c1" });
    expect(bodies).toEqual(Array(3).fill('{"email":"a@b.c"}'));
  });

  const maxRetries: { given: { client: number | undefined; request: number | undefined }; want: number }[] = [
    { given: { client: undefined, request: undefined }, want: 3 },
    { given: { client: 0, request: undefined }, want: 1 },
    { given: { client: 5, request: undefined }, want: 6 },
    { given: { client: 2, request: 0 }, want: 1 },
    { given: { client: 0, request: 3 }, want: 4 },
    { given: { client: 1, request: undefined }, want: 2 },
  ];
  for (const { given, want } of maxRetries) {
    it(`maxRetries client=${given.client} request=${given.request} → ${want} call(s)`, async () => {
      const { fetch, requests } = scriptedFetch(json(500, {}, retryAtOnce));
      const client = testClient(fetch, given.client === undefined ? {} : { maxRetries: given.client });
      await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, maxRetries: given.request });
      expect(requests).toHaveLength(want);
    });
  }

  it("retries connection errors with backoff, then throws APIConnectionError", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(new TypeError("fetch failed"));
    const client = testClient(fetch);
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const settled = expect(call).rejects.toBeInstanceOf(APIConnectionError);
    await vi.advanceTimersByTimeAsync(370);
    expect(requests).toHaveLength(1); // the first backoff is 375–500 ms (0.5 s minus up to 25 % jitter)
    await vi.advanceTimersByTimeAsync(20_000);
    await settled;
    expect(requests).toHaveLength(3);
  });

  it("waits the Retry-After the server asked for", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(json(429, {}, { "retry-after": "2" }), json(200, { id: "c1" }));
    const client = testClient(fetch);
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    await vi.advanceTimersByTimeAsync(1_990);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(requests).toHaveLength(2);
    expect((await call).data).toEqual({ id: "c1" });
  });

  it("the final error response is returned (and unwraps to the typed error)", async () => {
    const { fetch } = scriptedFetch(json(429, { message: "slow down" }, retryAtOnce));
    const client = testClient(fetch);
    const result = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(() => unwrap(result)).toThrow(RateLimitError);
  });

  it("onResponse middleware runs once, on the final response", async () => {
    const { fetch } = scriptedFetch(json(500, {}, retryAtOnce), json(200, { id: "c1" }));
    const seen: number[] = [];
    const client = testClient(fetch, {
      middleware: [{ onResponse: ({ response }) => void seen.push(response.status) }],
    });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(seen).toEqual([200]);
  });
});

describe("idempotency keys and POST", () => {
  it("POST without a key is never resent (error status)", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce));
    const client = testClient(fetch);
    const { response } = await client.POST("/contacts/create", { body: { email: "a@b.c" } });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get("idempotency-key")).toBeNull();
  });

  it("POST without a key is never resent (connection error)", async () => {
    const { fetch, requests } = scriptedFetch(new TypeError("socket hang up"));
    const client = testClient(fetch);
    await expect(client.POST("/contacts/create", { body: { email: "a@b.c" } })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(requests).toHaveLength(1);
  });

  it("PATCH without a key is never resent", async () => {
    const { fetch, requests } = scriptedFetch(json(500, {}, retryAtOnce));
    const client = testClient(fetch);
    await client.PATCH("/contacts/create", { body: { email: "a@b.c" } });
    expect(requests).toHaveLength(1);
  });

  it("capable operation: a key is generated and identical across attempts", async () => {
    const { fetch, requests, bodies } = scriptedFetch(json(500, { success: false, message: "x" }, retryAtOnce));
    const client = testClient(fetch);
    const result = await client.POST("/events/send", { body: { eventName: "signup" } });
    expect(() => unwrap(result)).toThrow(InternalServerError);
    expect(requests).toHaveLength(3);
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(bodies)).toEqual(new Set(['{"eventName":"signup"}']));
  });

  it("capable operation: a successful POST goes out once, even with x-should-retry: true", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { success: true }, { "x-should-retry": "true" }));
    const client = testClient(fetch);
    const { response } = await client.POST("/events/send", { body: { eventName: "signup" } });
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(1);
  });

  it("capable operation: each call gets its own key", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { success: true }));
    const client = testClient(fetch);
    await client.POST("/events/send", { body: { eventName: "a" } });
    await client.POST("/events/send", { body: { eventName: "b" } });
    expect(requests[0]!.headers.get("idempotency-key")).not.toBe(requests[1]!.headers.get("idempotency-key"));
  });

  const callerKeys = [
    { given: { params: { header: { "Idempotency-Key": "caller-key-1" } } }, want: "caller-key-1" },
    { given: { headers: { "Idempotency-Key": "caller-key-2" } }, want: "caller-key-2" },
  ];
  for (const { given, want } of callerKeys) {
    it(`the caller's key is kept across attempts (${Object.keys(given)[0]})`, async () => {
      const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce), json(200, { success: true }));
      const client = testClient(fetch);
      await client.POST("/events/send", { body: { eventName: "a" }, ...given });
      expect(requests.map((r) => r.headers.get("idempotency-key"))).toEqual([want, want]);
    });
  }

  // Defect 1: a key on a POST that takes none made it "safe", and the message went out twice.
  const keyedByCaller = [
    { given: "503", reply: () => json(503, {}, retryAtOnce) },
    { given: "a connection error", reply: () => new TypeError("socket hang up") },
  ];
  for (const { given, reply } of keyedByCaller) {
    it(`a POST the caller gave a key to, of an operation that takes none, is sent once (${given})`, async () => {
      const { fetch, requests } = scriptedFetch(reply(), json(200, { id: "c1" }));
      const client = testClient(fetch);
      await client
        .POST("/contacts/create", { body: { email: "a@b.c" }, headers: { "Idempotency-Key": "k" } })
        .catch(() => undefined);
      expect(requests).toHaveLength(1);
    });
  }

  it("no key is generated for operations not listed as capable", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch);
    await client.POST("/contacts/create", { body: { email: "a@b.c" } });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    await client.PUT("/contacts/{id}", { params: { path: { id: "c1" } }, body: { email: "a@b.c" } });
    expect(requests.map((r) => r.headers.get("idempotency-key"))).toEqual([null, null, null]);
  });
});
