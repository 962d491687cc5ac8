import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bearerAuth } from "../../../src/runtime/auth.ts";
import { createApiClient } from "../../../src/runtime/create-client.ts";
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../../../src/runtime/errors.ts";
import { sleep } from "../../../src/runtime/timeout.ts";
import { fast, json, scriptedFetch, SECRET, testClient, type TestPaths } from "./helpers.ts";

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

describe("a server that sends the headers, then stalls the body (real fetch, local server)", () => {
  let server: Server;
  let baseUrl = "";
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":'); // then nothing: the body never ends
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const cases = [
    { given: { trigger: "abort", middleware: false }, want: APIUserAbortError },
    { given: { trigger: "abort", middleware: true }, want: APIUserAbortError },
    { given: { trigger: "timeout", middleware: false }, want: APITimeoutError },
    { given: { trigger: "timeout", middleware: true }, want: APITimeoutError },
  ];
  for (const { given, want } of cases) {
    it(`${given.trigger} while the body is read (${given.middleware ? "" : "no "}caller middleware) → ${want.name}`, async () => {
      const client = createApiClient<TestPaths>({
        baseUrl,
        auth: bearerAuth(SECRET),
        timeoutMs: given.trigger === "timeout" ? 150 : 60_000,
        ...(given.middleware && { middleware: [{ onRequest: () => undefined }] }),
      });
      const controller = new AbortController();
      const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
      if (given.trigger === "abort") setTimeout(() => controller.abort(), 150);
      const outcome = await Promise.race([
        call.then(
          () => "resolved",
          (e: unknown) => e,
        ),
        new Promise((resolve) => setTimeout(() => resolve("still pending"), 2_000)),
      ]);
      expect(outcome).toBeInstanceOf(want);
    });
  }
});

describe("delays beyond setTimeout's range (2^31-1 ms) are clamped, not fired at once", () => {
  const cases = [
    { given: { timeoutMs: 3_000_000_000 }, want: "ok" },
    { given: { timeoutMs: 2 ** 31 }, want: "ok" },
  ];
  for (const { given, want } of cases) {
    it(`timeoutMs ${given.timeoutMs}, answer after 30 ms → ${want}`, async () => {
      const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json(200, { id: "c1" })), 30));
      const client = testClient(slow, { timeoutMs: given.timeoutMs, maxRetries: 0 });
      const { data } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(data ? "ok" : "failed").toBe(want);
    });
  }

  const waits = [{ given: 2 ** 31 }, { given: 1e12 }, { given: Number.POSITIVE_INFINITY }];
  for (const { given } of waits) {
    it(`sleep(${given}) is still waiting after 30 ms`, async () => {
      const controller = new AbortController();
      let done = false;
      const slept = sleep(given, controller.signal).then(
        () => (done = true),
        () => undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(done).toBe(false);
      controller.abort();
      await slept;
    });
  }

  it("a rate limit of one request in ~30 years keeps the second call waiting", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 1e-9, burst: 1 } });
    const controller = new AbortController();
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const second = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(requests).toHaveLength(1);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(APIUserAbortError);
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
