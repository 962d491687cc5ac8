import { describe, expect, it } from "vitest";
import { createLoopsClient, type LoopsClientOptions } from "../../../src/clients/loops.ts";

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
