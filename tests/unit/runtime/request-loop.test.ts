// The request loop, driven through the client: what one attempt reads, times and hands back. Each
// case here is a promise of the README that a review found broken; the fault injected decides the
// outcome (fake timers, a signal aborted by the test), never a wall-clock race.
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from "../../../src/runtime/errors.ts";
import { json, SECRET, scriptedFetch, testClient } from "./helpers.ts";

afterEach(() => {
  vi.useRealTimers();
});

const id = { params: { path: { id: "c1" } } };

/**
 * A body that sends `first` and then nothing, erroring only when the request's signal aborts (as
 * the body of a real fetch does).
 */
const stalledBody = (request: Request, first: string, status: number) => {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
    },
  });
  return new Response(body, { status, headers: { "content-type": "application/json" } });
};

describe('parseAs: "stream": an error body is read inside the attempt, like every other mode', () => {
  it("a 4xx body echoing the key comes back scrubbed", async () => {
    const { fetch } = scriptedFetch(json(401, { message: `bad key ${SECRET}` }));
    const client = testClient(fetch, { maxRetries: 0 });
    const { data, error, response } = await client.GET("/contacts/{id}", { ...id, parseAs: "stream" });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: "bad key [REDACTED]" });
  });

  const stalls = [
    { given: "timeoutMs", want: APITimeoutError },
    { given: "deadlineMs", want: APITimeoutError },
    { given: "signal", want: APIUserAbortError },
  ] as const;
  for (const { given, want } of stalls) {
    it(`a 5xx body that stalls ends at ${given} → ${want.name}`, async () => {
      vi.useFakeTimers();
      const { fetch } = scriptedFetch((request) => stalledBody(request, '{"message":', 500));
      const client = testClient(fetch, { maxRetries: 0 });
      const controller = new AbortController();
      const call = client.GET("/contacts/{id}", {
        ...id,
        parseAs: "stream",
        signal: controller.signal,
        ...(given === "timeoutMs" && { timeoutMs: 1_000 }),
        ...(given === "deadlineMs" && { deadlineMs: 1_000 }),
      });
      const settled = expect(call).rejects.toBeInstanceOf(want);
      if (given === "signal") {
        await vi.advanceTimersByTimeAsync(10);
        controller.abort();
      } else await vi.advanceTimersByTimeAsync(1_000);
      await settled;
    }, 5_000);
  }
});

describe('parseAs: "stream": a 2xx body stays tied to the caller\'s signal until it ends', () => {
  it("aborting after the headers errors the reader at once", async () => {
    const { fetch } = scriptedFetch((request) => stalledBody(request, "chunk-1", 200));
    const client = testClient(fetch);
    const controller = new AbortController();
    const { data } = await client.GET("/contacts/{id}", { ...id, parseAs: "stream", signal: controller.signal });
    const reader = data!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("chunk-1");
    const next = reader.read();
    controller.abort();
    await expect(next).rejects.toBeInstanceOf(APIUserAbortError);
  }, 5_000);

  it("a body read to its end leaves no listener on the signal", async () => {
    const { fetch } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(fetch);
    const signal = new AbortController().signal;
    const { data } = await client.GET("/contacts/{id}", { ...id, parseAs: "stream", signal });
    expect(await new Response(data).text()).toBe('{"id":"c1"}');
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

describe("100 concurrent calls sharing one AbortSignal", () => {
  it("hold at most one listener on it, and leave none behind", async () => {
    const signal = new AbortController().signal;
    let most = 0;
    const { fetch } = scriptedFetch(async () => {
      most = Math.max(most, getEventListeners(signal, "abort").length);
      await new Promise((resolve) => setImmediate(resolve));
      return json(200, { id: "c1" });
    });
    const client = testClient(fetch, { rateLimit: false });
    const results = await Promise.all(
      Array.from({ length: 100 }, () => client.GET("/contacts/{id}", { ...id, signal })),
    );
    expect(results.every((r) => r.data?.id === "c1")).toBe(true);
    expect(most).toBe(1);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("abort every one of them when it fires", async () => {
    const controller = new AbortController();
    const { fetch } = scriptedFetch((request) => stalledBody(request, "{", 200));
    const client = testClient(fetch, { rateLimit: false });
    const calls = Array.from({ length: 100 }, () => client.GET("/contacts/{id}", { ...id, signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.every((o) => o.status === "rejected" && o.reason instanceof APIUserAbortError)).toBe(true);
  });
});

describe("a status outside 200-599 (real fetch, loopback server)", () => {
  let server: Server;
  let url = "";
  let arrivals = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      arrivals++;
      res.writeHead(Number(req.headers["x-status"] ?? 600), { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `odd ${SECRET}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  for (const status of [600, 999]) {
    it(`${status} on a keyed POST → APIError(${status}) with the scrubbed body, sent once`, async () => {
      arrivals = 0;
      const client = testClient(
        undefined,
        { maxRetries: 2, backoff: { initialDelayMs: 0, maxDelayMs: 0 } },
        { baseUrl: url },
      );
      const error = await client
        .POST("/events/send", { body: { eventName: "e" }, params: { header: { "x-status": String(status) } as never } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(APIError);
      expect(error).not.toBeInstanceOf(APIConnectionError);
      expect(error).toMatchObject({ status, error: { message: "odd [REDACTED]" } });
      expect(arrivals).toBe(1);
    });
  }
});
