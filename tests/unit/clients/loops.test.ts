import { afterEach, describe, expect, it, vi } from "vitest";
import { createLoopsClient, LOOPS_RATE_LIMIT, type LoopsClientOptions } from "../../../src/clients/loops.ts";
import { RateLimiter } from "../../../src/runtime/rate-limit.ts";
import { operations } from "../../../generated/loops/operations.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { pathOf } from "../../support/operation-path.ts";

const API_KEY = "sk_test_loops_0123456789";
const LISTS = pathOf(operations, "listMailingLists");

afterEach(() => {
  vi.useRealTimers();
});

function counting() {
  const sent: number[] = [];
  const fetch = async () => {
    sent.push(performance.now());
    return new Response("[]", { headers: { "content-type": "application/json" } });
  };
  return { sent, fetch };
}

describe("createLoopsClient: the default 10 req/s limiter", () => {
  // An option passed as `undefined` (e.g. `rateLimit: config.rateLimit`) keeps the default.
  const cases: { given: string; options: Partial<LoopsClientOptions>; want: [number, number] }[] = [
    { given: "no rateLimit option", options: {}, want: [10, 20] },
    { given: "rateLimit: undefined", options: { rateLimit: undefined }, want: [10, 20] },
    { given: "rateLimit: false", options: { rateLimit: false }, want: [25, 25] },
    { given: "rateLimit: { requestsPerSecond: 2 }", options: { rateLimit: { requestsPerSecond: 2 } }, want: [2, 4] },
  ];
  for (const { given, options, want } of cases) {
    it(`${given}: 25 calls at once → ${want[0]} sent in the first second, ${want[1]} by the end of the second`, async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
      const { sent, fetch } = counting();
      const client = createLoopsClient({ apiKey: API_KEY, fetch, ...options });
      const controller = new AbortController();
      const calls = Array.from({ length: 25 }, () =>
        client.GET(LISTS, { signal: controller.signal }).catch(() => undefined),
      );
      await vi.advanceTimersByTimeAsync(999);
      expect(sent).toHaveLength(want[0]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(sent).toHaveLength(want[1]);
      controller.abort();
      await Promise.all(calls);
    });
  }

  it("two clients of one team share a limiter: 10 per second between them", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { sent, fetch } = counting();
    const team = new RateLimiter(LOOPS_RATE_LIMIT);
    const a = createLoopsClient({ apiKey: API_KEY, fetch, rateLimit: team });
    const b = createLoopsClient({ apiKey: "sk_test_loops_other_team_key", fetch, rateLimit: team });
    const calls = Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).GET(LISTS));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(calls);
    expect(sent).toHaveLength(16);
  });
});

describe("createLoopsClient: server and idempotency keys from the spec", () => {
  const spec = readBundledSpec(apiByName("loops"));
  const recorder = () => {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return Response.json({ success: true });
    };
    return { requests, fetch };
  };

  it("sends to the spec's server when no baseUrl is given", async () => {
    const { requests, fetch } = recorder();
    await createLoopsClient({ apiKey: API_KEY, fetch }).GET("/v1/lists");
    expect(spec.servers[0].url).toBe("https://app.loops.so/api");
    expect(requests.map((r) => r.url)).toEqual(["https://app.loops.so/api/v1/lists"]);
  });

  // Read from the bundled spec here, not from the generated table the client uses.
  const keyed = Object.entries<Record<string, any>>(spec.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([, op]) =>
        op?.parameters?.some((p: { in: string; name: string }) => p.in === "header" && p.name === "Idempotency-Key"),
      )
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  const calls: Record<string, (c: ReturnType<typeof createLoopsClient>) => Promise<unknown>> = {
    "POST /v1/events/send": (c) => c.POST("/v1/events/send", { body: { email: "a@example.org", eventName: "e" } }),
    "POST /v1/transactional": (c) =>
      c.POST("/v1/transactional", { body: { transactionalId: "t", email: "a@example.org" } }),
    "POST /v1/contacts/create": (c) => c.POST("/v1/contacts/create", { body: { email: "a@example.org" } }),
    "POST /v1/campaigns": (c) => c.POST("/v1/campaigns", { body: { name: "n" } }),
  };

  it("the spec declares an Idempotency-Key on exactly the keyed calls below", () => {
    expect(keyed.sort()).toEqual(["POST /v1/events/send", "POST /v1/transactional"]);
  });

  for (const [operation, call] of Object.entries(calls)) {
    const wants = keyed.includes(operation);
    it(`${operation}: ${wants ? "a key is generated" : "no key is sent"}`, async () => {
      const { requests, fetch } = recorder();
      await call(createLoopsClient({ apiKey: API_KEY, fetch }));
      const key = requests[0]!.headers.get("idempotency-key");
      if (wants) expect(key).toMatch(/^[0-9a-f-]{36}$/);
      else expect(key).toBeNull();
    });
  }
});
