import { afterEach, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../../../src/runtime/errors.ts";
import { sleep } from "../../../src/runtime/timeout.ts";
import { fast, json, scriptedFetch, testClient } from "./helpers.ts";

/** A fetch that never answers unless its signal aborts (like a real fetch). */
const hanging = (honourSignal: boolean) => (request: Request) =>
  new Promise<Response>((_, reject) => {
    if (honourSignal) request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe("timeout vs user abort", () => {
  const cases = [
    { given: { trigger: "timeout", honourSignal: true }, want: APITimeoutError },
    { given: { trigger: "timeout", honourSignal: false }, want: APITimeoutError },
    { given: { trigger: "abort", honourSignal: true }, want: APIUserAbortError },
    { given: { trigger: "abort", honourSignal: false }, want: APIUserAbortError },
    { given: { trigger: "pre-aborted", honourSignal: true }, want: APIUserAbortError },
  ];
  for (const { given, want } of cases) {
    it(`${given.trigger} (fetch ${given.honourSignal ? "honours" : "ignores"} its signal) → ${want.name}`, async () => {
      vi.useFakeTimers();
      const { fetch, requests } = scriptedFetch(hanging(given.honourSignal));
      const client = testClient(fetch, { timeoutMs: 1_000, maxRetries: 0 });
      const controller = new AbortController();
      if (given.trigger === "pre-aborted") controller.abort();
      const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
      const settled = expect(call).rejects.toBeInstanceOf(want);
      if (given.trigger === "abort") {
        await vi.advanceTimersByTimeAsync(100);
        controller.abort();
      } else {
        await vi.advanceTimersByTimeAsync(1_000);
      }
      await settled;
      expect(requests.length).toBe(given.trigger === "pre-aborted" ? 0 : 1);
    });
  }

  it("a timeout is distinct from a user abort but is a connection error", async () => {
    expect(new APITimeoutError()).toBeInstanceOf(APIConnectionError);
    expect(new APITimeoutError()).not.toBeInstanceOf(APIUserAbortError);
  });

  it("timeouts are retried for GET, each attempt getting a fresh timer", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(hanging(true));
    const client = testClient(fetch, { timeoutMs: 1_000, maxRetries: 2 });
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const settled = expect(call).rejects.toBeInstanceOf(APITimeoutError);
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(requests).toHaveLength(3);
  });

  const perRequest = [
    { given: { client: 50_000, request: 200 }, want: { at: 200 } },
    { given: { client: 300, request: undefined }, want: { at: 300 } },
  ];
  for (const { given, want } of perRequest) {
    it(`timeoutMs client=${given.client} request=${given.request} fires at ${want.at} ms`, async () => {
      vi.useFakeTimers();
      const { fetch } = scriptedFetch(hanging(true));
      const client = testClient(fetch, { timeoutMs: given.client, maxRetries: 0 });
      let done = false;
      const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, timeoutMs: given.request });
      const settled = expect(call)
        .rejects.toBeInstanceOf(APITimeoutError)
        .finally(() => (done = true));
      await vi.advanceTimersByTimeAsync(want.at - 1);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await settled;
    });
  }

  it("a caller abort during the wait between retries ends the call with APIUserAbortError", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(json(503, {}, { "retry-after": "5" }));
    const client = testClient(fetch);
    const controller = new AbortController();
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
    const settled = expect(call).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await settled;
    expect(requests).toHaveLength(1);
  });

  it("a caller abort is never retried", async () => {
    const controller = new AbortController();
    const { fetch, requests } = scriptedFetch((request) => {
      controller.abort();
      return hanging(true)(request);
    });
    const client = testClient(fetch);
    await expect(
      client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(requests).toHaveLength(1);
  });

  it("a response in time clears the timer", async () => {
    vi.useFakeTimers();
    const { fetch } = scriptedFetch(json(200, { id: "c1" }, fast));
    const client = testClient(fetch, { timeoutMs: 5 });
    expect((await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).data).toEqual({ id: "c1" });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("sleep", () => {
  it("resolves after the delay and rejects on abort", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const a = sleep(100);
    const b = sleep(100, controller.signal);
    const bSettled = expect(b).rejects.toBeInstanceOf(APIUserAbortError);
    controller.abort();
    await bSettled;
    await vi.advanceTimersByTimeAsync(100);
    await expect(a).resolves.toBeUndefined();
  });
});
