// The LifeLoop factory: credentials checked at construction, the tenant filled into every path.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createLifeLoopClient,
  LIFELOOP_RATE_LIMIT,
  type LifeLoopClientOptions,
} from "../../../src/clients/lifeloop.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";

const TOKEN = "ll_live_secret_token_123";

function recorder() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return Response.json({ data: { id: "fac-001", name: "Sunrise", tenant: "sunrise-001", timezone: "UTC" } });
  };
  return { seen, fetch };
}

describe("createLifeLoopClient", () => {
  const bad: { name: string; options: Partial<LifeLoopClientOptions> }[] = [
    { name: "no token", options: { tenant: "sunrise-001" } },
    { name: "blank token", options: { token: "   ", tenant: "sunrise-001" } },
    { name: "no tenant", options: { token: TOKEN } },
    { name: "blank tenant", options: { token: TOKEN, tenant: " " } },
    { name: "tenant `..`", options: { token: TOKEN, tenant: ".." } },
    { name: "tenant with a slash", options: { token: TOKEN, tenant: "a/b" } },
    { name: "a token of 5 characters", options: { token: "ll_12", tenant: "sunrise-001" } },
    {
      name: "baseUrl with credentials",
      options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "https://u:pw@x.test" },
    },
    { name: "baseUrl with a query", options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "https://x.test/?a=1" } },
    { name: "plain http baseUrl", options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "http://x.test/api" } },
  ];
  for (const { name, options } of bad) {
    it(`throws a TypeError for ${name}, without the token`, () => {
      let error: unknown;
      try {
        createLifeLoopClient(options as LifeLoopClientOptions);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toMatch(/createLifeLoopClient: `(token|tenant|baseUrl)`/);
      expect(String(error)).not.toContain(TOKEN);
    });
  }

  it("fills the tenant into the path and sends the bearer token", async () => {
    const { seen, fetch } = recorder();
    const client = createLifeLoopClient({
      token: TOKEN,
      tenant: "sunrise-001",
      baseUrl: "https://mock.test/api/v1/",
      fetch,
    });
    const { data, error } = await client.GET("/facilities/{facilityId}", {
      params: { path: { facilityId: "fac-001" } },
    });
    expect(error).toBeUndefined();
    expect(data?.data.id).toBe("fac-001");
    expect(seen[0]!.url).toBe("https://mock.test/api/v1/sunrise-001/facilities/fac-001");
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("defaults to the spec's server", async () => {
    const { seen, fetch } = recorder();
    await createLifeLoopClient({ token: TOKEN, tenant: "sunrise_001", fetch }).GET("/facilities");
    expect(seen[0]!.url).toBe("https://api.lifeloop.com/api/v1/sunrise_001/facilities");
  });
});

describe("createLifeLoopClient: the documented quota drives the default limiter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const fakeClock = () =>
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"], now: Date.UTC(2026, 10, 30) });

  /** A fetch that records when each request was sent, answering with `headers`. */
  function timed(headers: (n: number) => Record<string, string> = () => ({})) {
    const sent: number[] = [];
    const fetch = async () => {
      sent.push(Date.now());
      return Response.json({ data: [], page: 1, pageSize: 20, hasMore: false }, { headers: headers(sent.length) });
    };
    return { sent, fetch };
  }

  it("the default is the spec's `x-lifeloop-rate-limit`: its requests in its window", () => {
    const quota = readBundledSpec(apiByName("lifeloop"))["x-lifeloop-rate-limit"];
    expect(LIFELOOP_RATE_LIMIT.burst).toBe(quota.requests);
    expect(LIFELOOP_RATE_LIMIT.burst / LIFELOOP_RATE_LIMIT.requestsPerSecond).toBe(quota.windowSeconds);
    expect(quota.reset).toBe("unix-epoch-seconds");
  });

  // An option passed as `undefined` (e.g. `rateLimit: config.rateLimit`) keeps the default.
  for (const [given, options] of [
    ["no rateLimit option", {}],
    ["rateLimit: undefined", { rateLimit: undefined }],
  ] as const)
    it(`${given}: 610 calls at once, 600 sent in the first minute, the other 10 when it has passed`, async () => {
      fakeClock();
      const { sent, fetch } = timed();
      // The queue wait counts towards `timeoutMs` (60 s by default), and the last 10 wait a minute.
      const client = createLifeLoopClient({
        token: TOKEN,
        tenant: "sunrise-001",
        fetch,
        timeoutMs: 90_000,
        ...options,
      });
      const calls = Array.from({ length: 610 }, () => client.GET("/facilities"));
      await vi.advanceTimersByTimeAsync(59_999);
      expect(sent).toHaveLength(600);
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all(calls);
      expect(sent).toHaveLength(610);
    });

  it("after `X-RateLimit-Remaining: 0` it sends nothing until `X-RateLimit-Reset` (epoch seconds)", async () => {
    fakeClock();
    const resetAt = Date.now() + 30_000;
    const { sent, fetch } = timed((n) => ({
      "x-ratelimit-limit": "600",
      "x-ratelimit-remaining": n === 1 ? "0" : "599",
      "x-ratelimit-reset": String(resetAt / 1000),
    }));
    const client = createLifeLoopClient({ token: TOKEN, tenant: "sunrise-001", fetch });
    await client.GET("/facilities");
    expect(client.rateLimit).toEqual({ limit: 600, remaining: 0, resetAt });
    const next = client.GET("/facilities");
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(sent).toEqual([resetAt - 30_000, resetAt]);
  });

  it("`rateLimit: false` turns it off: 700 calls at once are all sent at once, whatever the headers say", async () => {
    fakeClock();
    // Every answer says the quota is spent until a minute from now.
    const { sent, fetch } = timed(() => ({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60" }));
    const client = createLifeLoopClient({ token: TOKEN, tenant: "sunrise-001", fetch, rateLimit: false });
    const calls = Array.from({ length: 700 }, () => client.GET("/facilities"));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(700);
    expect(new Set(sent).size).toBe(1); // all at the same instant
    await Promise.all(calls);
  });
});
