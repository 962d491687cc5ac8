import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../../../src/runtime/errors.ts";
import { sleep } from "../../../src/runtime/request-loop.ts";
import { retryAtOnce, json, scriptedFetch, testClient } from "./helpers.ts";

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
    const { fetch } = scriptedFetch(json(200, { id: "c1" }, retryAtOnce));
    const client = testClient(fetch, { timeoutMs: 5 });
    expect((await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).data).toEqual({ id: "c1" });
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** A loopback server whose handler for each request is picked by the test (real fetch, no injection). */
function loopbackServer() {
  let handler: (req: IncomingMessage, res: ServerResponse, n: number) => void = (_req, res) => res.end();
  let arrivals = 0;
  const server: Server = createServer((req, res) => handler(req, res, arrivals++));
  return {
    url: "",
    get arrivals() {
      return arrivals;
    },
    handle(h: typeof handler) {
      handler = h;
      arrivals = 0;
    },
    async start() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

const BODY = '{"id":"c1","email":"a@b.c"}';
/** Headers and half the body, then `then` (cut the connection, or leave it hanging). */
const halfBody = (then: "cut" | "stall") => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": String(BODY.length) });
  res.write(BODY.slice(0, 8));
  if (then === "cut") setTimeout(() => res.destroy(), 5);
};
const whole = (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(200, { "content-type": "application/json" }).end(BODY);

describe("the body read is part of the attempt (real fetch, loopback server)", () => {
  const server = loopbackServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const client = (options = {}) =>
    testClient(undefined, { backoff: { initialDelayMs: 1, maxDelayMs: 1 }, ...options }, { baseUrl: server.url });

  const cases = [
    { given: { trigger: "abort", middleware: false }, want: APIUserAbortError },
    { given: { trigger: "abort", middleware: true }, want: APIUserAbortError },
    { given: { trigger: "timeout", middleware: false }, want: APITimeoutError },
    { given: { trigger: "timeout", middleware: true }, want: APITimeoutError },
  ];
  for (const { given, want } of cases) {
    it(`${given.trigger} while the body is read (${given.middleware ? "" : "no "}caller middleware) → ${want.name}`, async () => {
      server.handle(halfBody("stall"));
      const c = client({
        timeoutMs: given.trigger === "timeout" ? 150 : 60_000,
        maxRetries: 0,
        ...(given.middleware && { middleware: [{ onRequest: () => undefined }] }),
      });
      const controller = new AbortController();
      const call = c.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
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

  // Defect 4: a cut during the body surfaced as a raw `TypeError: terminated`, never retried; a
  // timeout during the body was not retried either.
  const failures = [
    { given: { fault: "cut" as const, method: "GET" }, want: { data: true, arrivals: 2 } },
    { given: { fault: "stall" as const, method: "GET" }, want: { data: true, arrivals: 2 } },
    { given: { fault: "cut" as const, method: "POST" }, want: { error: APIConnectionError, arrivals: 1 } },
    { given: { fault: "stall" as const, method: "POST" }, want: { error: APITimeoutError, arrivals: 1 } },
  ];
  for (const { given, want } of failures) {
    it(`${given.method}, body ${given.fault === "cut" ? "cut off" : "stalled"} on the first attempt → ${want.data ? "retried, then the data" : `${want.error!.name}, sent once`}`, async () => {
      server.handle((req, res, n) => (n === 0 ? halfBody(given.fault)(req, res) : whole(req, res)));
      const c = client({ timeoutMs: 200 });
      const call =
        given.method === "GET"
          ? c.GET("/contacts/{id}", { params: { path: { id: "c1" } } })
          : c.POST("/contacts/create", { body: { email: "a@b.c" } });
      if (want.data) expect((await call).data).toEqual({ id: "c1", email: "a@b.c" });
      else await expect(call).rejects.toBeInstanceOf(want.error);
      expect(server.arrivals).toBe(want.arrivals);
    });
  }
});

describe("real fetch: request bodies", () => {
  const server = loopbackServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  const cases = [
    { given: "a keyed POST", path: "/events/send" as const, body: { eventName: "a" }, middleware: false },
    { given: "an unkeyed POST", path: "/contacts/create" as const, body: { email: "a@b.c" }, middleware: false },
    {
      given: "a keyed POST, with caller middleware",
      path: "/events/send" as const,
      body: { eventName: "a" },
      middleware: true,
    },
  ];
  for (const { given, path, body, middleware } of cases) {
    it(`${given}: the serialized body, with a Content-Length`, async () => {
      const seen: { length?: string; chunked?: string; body: string }[] = [];
      server.handle((req, res) => {
        let text = "";
        req.on("data", (c: Buffer) => (text += c));
        req.on("end", () => {
          seen.push({ length: req.headers["content-length"], chunked: req.headers["transfer-encoding"], body: text });
          whole(req, res);
        });
      });
      const client = testClient(undefined, middleware ? { middleware: [{ onRequest: () => undefined }] } : {}, {
        baseUrl: server.url,
      });
      await client.POST(path, { body } as never);
      const sent = JSON.stringify(body);
      expect(seen).toEqual([{ length: String(sent.length), chunked: undefined, body: sent }]);
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
      vi.useFakeTimers();
      const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json(200, { id: "c1" })), 30));
      const client = testClient(slow, { timeoutMs: given.timeoutMs, maxRetries: 0 });
      const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } }).then(
        ({ data }) => (data ? "ok" : "failed"),
        () => "failed",
      );
      await vi.advanceTimersByTimeAsync(30);
      expect(await call).toBe(want);
    });
  }

  const waits = [{ given: 2 ** 31 }, { given: 1e12 }, { given: Number.POSITIVE_INFINITY }];
  for (const { given } of waits) {
    it(`sleep(${given}) is still waiting after 2^31-2 ms`, async () => {
      vi.useFakeTimers();
      const controller = new AbortController();
      let done = false;
      const slept = sleep(given, controller.signal).then(
        () => (done = true),
        () => undefined,
      );
      await vi.advanceTimersByTimeAsync(2 ** 31 - 2);
      expect(done).toBe(false);
      controller.abort();
      await slept;
    });
  }

  it("a rate limit of one request in ~30 years keeps the second call waiting", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 1e-9, burst: 1 }, timeoutMs: 2 ** 31 });
    const controller = new AbortController();
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const second = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, signal: controller.signal });
    const settled = expect(second).rejects.toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(2 ** 31 - 2);
    expect(requests).toHaveLength(1);
    controller.abort();
    await settled;
  });
});

describe("the call's deadline covers every attempt, the waits between them and the limiter queue", () => {
  it("a deadline shorter than the timeout ends the attempt with APITimeoutError naming the deadline", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { fetch, requests } = scriptedFetch(hanging(true));
    const client = testClient(fetch, { timeoutMs: 10_000, deadlineMs: 300 });
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const settled = expect(call).rejects.toThrow("Request deadline of 300 ms passed.");
    await vi.advanceTimersByTimeAsync(300);
    await settled;
    expect(requests).toHaveLength(1);
  });

  it("retries until the deadline, then the last outcome: a wait that would pass it is not started", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
    const { fetch, requests } = scriptedFetch(json(503, { message: "busy" }, { "retry-after": "1" }));
    const client = testClient(fetch, { maxRetries: 5, deadlineMs: 2_500 });
    let status: number | undefined;
    const call = client
      .GET("/contacts/{id}", { params: { path: { id: "c1" } } })
      .then((r) => (status = r.response.status));
    await vi.advanceTimersByTimeAsync(2_000);
    // Attempts at 0, 1 s and 2 s; a third wait (to 3 s) would pass the 2.5 s deadline.
    await call;
    expect(status).toBe(503);
    expect(requests).toHaveLength(3);
  });

  it("per request: deadlineMs, including the rate-limit queue", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch, { rateLimit: { requestsPerSecond: 1 } });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const queued = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, deadlineMs: 400, maxRetries: 0 });
    const settled = expect(queued).rejects.toBeInstanceOf(APITimeoutError);
    await vi.advanceTimersByTimeAsync(400);
    await settled;
    expect(requests).toHaveLength(1);
  });
});

describe("what an attempt throws", () => {
  it("a fetch that throws a TypeError → APIConnectionError, with the TypeError as its cause", async () => {
    const cause = new TypeError("fetch failed");
    const { fetch } = scriptedFetch(cause);
    const client = testClient(fetch, { maxRetries: 0 });
    await expect(client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).rejects.toMatchObject({
      name: "APIConnectionError",
      cause,
    });
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
