import { describe, expect, it } from "vitest";
import { createLoopsClient, type LoopsClientOptions } from "../../../src/clients/loops.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";

const API_KEY = "sk_test_loops_0123456789";

describe("createLoopsClient: the default 10 req/s limiter", () => {
  // An option passed as `undefined` (e.g. `rateLimit: config.rateLimit`) keeps the default.
  const cases: { given: string; options: Partial<LoopsClientOptions>; want: number }[] = [
    { given: "no rateLimit option", options: {}, want: 10 },
    { given: "rateLimit: undefined", options: { rateLimit: undefined }, want: 10 },
    { given: "rateLimit: false", options: { rateLimit: false }, want: 12 },
    { given: "rateLimit: { requestsPerSecond: 2 }", options: { rateLimit: { requestsPerSecond: 2 } }, want: 2 },
  ];
  for (const { given, options, want } of cases) {
    it(`${given}: 12 calls at once → ${want} sent in the first 50 ms`, async () => {
      let sent = 0;
      const fetch = async () => (sent++, new Response("[]", { headers: { "content-type": "application/json" } }));
      const client = createLoopsClient({ apiKey: API_KEY, fetch, ...options });
      const controller = new AbortController();
      const calls = Array.from({ length: 12 }, () =>
        client.GET("/v1/lists", { signal: controller.signal }).catch(() => undefined),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sent).toBe(want);
      controller.abort();
      await Promise.all(calls);
    });
  }
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
