import { afterEach, describe, expect, it, vi } from "vitest";
import { createLoopsClient, LOOPS_RATE_LIMIT, type LoopsClientOptions } from "../../../src/clients/loops.ts";
import { RateLimiter } from "../../../src/runtime/rate-limit.ts";
import { operations } from "../../../generated/loops/operations.ts";
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
