import type { Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearerAuth } from "../../../src/runtime/auth.ts";
import { createApiClient, type ApiClientOptions } from "../../../src/runtime/create-client.ts";
import { APITimeoutError } from "../../../src/runtime/errors.ts";
import { PendingRequest } from "../../../src/runtime/pending-request.ts";
import { fast, json, scriptedFetch, SECRET, testClient, type TestPaths } from "./helpers.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("PendingRequest", () => {
  const cases = [
    {
      given: { url: "https://api.test/v1/a/../b?q=1", init: {} },
      want: { url: "https://api.test/v1/b?q=1", method: "GET" },
    },
    {
      given: { url: new URL("https://api.test/x"), init: { method: "POST", body: "{}" } },
      want: { url: "https://api.test/x", method: "POST" },
    },
    {
      given: { url: "https://api.test/x", init: { method: "HEAD" } },
      want: { url: "https://api.test/x", method: "HEAD" },
    },
  ];
  for (const { given, want } of cases) {
    it(`${want.method} ${String(given.url)} → url and method as a Request has them`, () => {
      const pending = new PendingRequest(given.url, given.init);
      const real = new Request(given.url, given.init);
      expect({ url: pending.url, method: pending.method }).toEqual(want);
      expect({ url: real.url, method: real.method }).toEqual(want);
    });
  }

  const invalid = [
    { given: { url: "not a url", init: {} }, want: "URL" },
    { given: { url: "https://api.test/x", init: { method: "GET", body: "x" } }, want: "GET/HEAD" },
    { given: { url: "https://api.test/x", init: { method: "HEAD", body: "x" } }, want: "GET/HEAD" },
    { given: { url: "https://bob:hunter2@api.test/x", init: {} }, want: "credentials" },
    { given: { url: "https://bob@api.test/x", init: {} }, want: "credentials" },
  ];
  for (const { given, want } of invalid) {
    it(`throws a TypeError early, as new Request() does (${want})`, () => {
      expect(() => new PendingRequest(given.url, given.init)).toThrow(TypeError);
      expect(() => new Request(given.url, given.init)).toThrow(TypeError);
      expect(() => new PendingRequest(given.url, given.init)).toThrow(want === "GET/HEAD" ? want : /URL/);
      expect(() => new PendingRequest(given.url, given.init)).not.toThrow(given.url);
    });
  }

  it("a base URL with credentials: a TypeError before anything is sent, not a retried connection error", async () => {
    const { fetch, requests } = scriptedFetch(json(200, {}));
    const client = testClient(fetch, { baseUrl: "https://bob:hunter2@api.test/v1" });
    const err = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect(String((err as Error).message)).not.toContain("hunter2");
    expect(requests).toHaveLength(0);
  });

  it("keeps the Headers it is given (middleware edits are what is sent) and the init", () => {
    const headers = new Headers({ a: "1" });
    const init = { method: "POST", headers, body: '{"x":1}', redirect: "follow" as const };
    const pending = new PendingRequest("https://api.test/x", init);
    expect(pending.headers).toBe(headers);
    pending.headers.set("b", "2");
    expect(pending.init).toMatchObject({ body: '{"x":1}', redirect: "follow" });
    expect(new Headers(pending.init.headers).get("b")).toBe("2");
    expect(new PendingRequest("https://api.test/x", { headers: { c: "3" } }).headers.get("c")).toBe("3");
  });
});

/** One attempt as `fetch(url, init)` received it, read at call time (the init is reused per attempt). */
interface Sent {
  url: string;
  method: string;
  contentType: string | null;
  key: string | null;
  body: string;
  rawBody: unknown;
  signal: boolean;
}

/**
 * Stubs globalThis.fetch (the client's default): records each call, answers with `replies` in
 * order. `input` is what the runtime passes: a URL string (no Request built before fetch) or a Request.
 */
function stubFetch(input: "string" | "Request", ...replies: Response[]) {
  const sent: Sent[] = [];
  const spy = vi.fn(async (given: RequestInfo | URL, init?: RequestInit) => {
    expect(given instanceof Request ? "Request" : typeof given).toBe(input);
    // What undici would send: build the Request from exactly what the runtime passed.
    const request = new Request(given, init);
    sent.push({
      url: request.url,
      method: request.method,
      contentType: request.headers.get("content-type"),
      key: request.headers.get("idempotency-key"),
      body: await request.text(),
      rawBody: init?.body,
      signal: (init?.signal ?? (given as Request).signal) instanceof AbortSignal,
    });
    return replies[Math.min(sent.length - 1, replies.length - 1)]!.clone();
  });
  vi.stubGlobal("fetch", spy);
  return { sent, spy };
}

const client = (options: Partial<ApiClientOptions<TestPaths>> = {}) =>
  createApiClient<TestPaths>({
    baseUrl: "https://api.test/v1",
    auth: bearerAuth(SECRET, "Test API key"),
    idempotency: { operations: ["POST /events/send"] },
    ...options,
  });

const form = () => {
  const f = new FormData();
  f.set("eventName", "a");
  f.set("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
  return f;
};

describe("calls without caller middleware: fetch(url, init) per attempt", () => {
  const cases = [
    {
      name: "GET",
      call: (c: ReturnType<typeof client>) => c.GET("/contacts/{id}", { params: { path: { id: "c1" } } }),
      replies: [json(200, { id: "c1", email: "a@b.c" })],
      want: {
        attempts: 1,
        method: "GET",
        url: "https://api.test/v1/contacts/c1",
        body: "",
        contentType: null,
        data: { id: "c1", email: "a@b.c" },
      },
    },
    {
      name: "GET retried (503 then 200)",
      call: (c: ReturnType<typeof client>) => c.GET("/contacts/{id}", { params: { path: { id: "c1" } } }),
      replies: [json(503, {}, fast), json(200, { id: "c1", email: "a@b.c" })],
      want: {
        attempts: 2,
        method: "GET",
        url: "https://api.test/v1/contacts/c1",
        body: "",
        contentType: null,
        data: { id: "c1", email: "a@b.c" },
      },
    },
    {
      name: "POST JSON, keyed, retried twice: same body and key",
      call: (c: ReturnType<typeof client>) => c.POST("/events/send", { body: { eventName: "a" } }),
      replies: [json(503, {}, fast), json(500, {}, fast), json(200, { success: true })],
      want: {
        attempts: 3,
        method: "POST",
        url: "https://api.test/v1/events/send",
        body: '{"eventName":"a"}',
        contentType: "application/json",
        data: { success: true },
      },
    },
    {
      name: "POST JSON without a key: sent once",
      call: (c: ReturnType<typeof client>) => c.POST("/contacts/create", { body: { email: "a@b.c" } }),
      replies: [json(503, {}, fast)],
      want: {
        attempts: 1,
        method: "POST",
        url: "https://api.test/v1/contacts/create",
        body: '{"email":"a@b.c"}',
        contentType: "application/json",
        data: undefined,
      },
    },
    {
      name: "HEAD: no body parsed",
      call: (c: ReturnType<typeof client>) =>
        (c as any).request("head", "/contacts/{id}", { params: { path: { id: "c1" } } }),
      replies: [new Response(null, { status: 200, headers: { "content-length": "12" } })],
      want: {
        attempts: 1,
        method: "HEAD",
        url: "https://api.test/v1/contacts/c1",
        body: "",
        contentType: null,
        data: undefined,
      },
    },
    {
      name: "parseAs: text",
      call: (c: ReturnType<typeof client>) =>
        c.GET("/contacts/{id}", { params: { path: { id: "c1" } }, parseAs: "text" }),
      replies: [new Response("plain", { status: 200 })],
      want: {
        attempts: 1,
        method: "GET",
        url: "https://api.test/v1/contacts/c1",
        body: "",
        contentType: null,
        data: "plain",
      },
    },
  ];
  for (const { name, call, replies, want } of cases) {
    it(name, async () => {
      const { sent } = stubFetch("string", ...replies);
      const { data } = await call(client({ backoff: { initialDelayMs: 1, maxDelayMs: 1 } }));
      expect(data).toEqual(want.data);
      expect(sent).toHaveLength(want.attempts);
      for (const s of sent) {
        expect(s).toMatchObject({
          url: want.url,
          method: want.method,
          body: want.body,
          contentType: want.contentType,
          signal: true,
        });
      }
      expect(new Set(sent.map((s) => s.key)).size).toBe(1);
      if (want.method === "POST" && want.attempts > 1) expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    });
  }

  const multipart = [
    {
      given: { path: "/contacts/create" as const, replies: [json(200, { id: "c1" })] },
      want: { attempts: 1, sentAs: "FormData" },
    },
    {
      given: { path: "/events/send" as const, replies: [json(503, {}, fast), json(200, { success: true })] },
      want: { attempts: 2, sentAs: "ArrayBuffer" },
    },
  ];
  for (const { given, want } of multipart) {
    it(`FormData to ${given.path}: the multipart boundary matches the body on every attempt (sent as ${want.sentAs})`, async () => {
      const { sent } = stubFetch("string", ...given.replies);
      await client().POST(given.path, { body: form() as never, bodySerializer: (b: unknown) => b });
      expect(sent).toHaveLength(want.attempts);
      for (const s of sent) {
        expect(s.rawBody?.constructor.name).toBe(want.sentAs);
        const boundary = s.contentType!.match(/^multipart\/form-data; boundary=(.+)$/)![1]!;
        expect(s.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"`);
        expect(s.body).toContain("hello");
      }
      // A retry resends the bytes read once: same boundary, same body.
      expect(new Set(sent.map((s) => s.body)).size).toBe(1);
    });
  }

  it("an injected fetch still gets a real Request per attempt", async () => {
    const { fetch, requests, bodies } = scriptedFetch(json(503, {}, fast), json(200, { success: true }));
    await testClient(fetch).POST("/events/send", { body: { eventName: "a" } });
    expect(requests.every((r) => r instanceof Request)).toBe(true);
    expect(requests[0]).not.toBe(requests[1]);
    expect(bodies).toEqual(['{"eventName":"a"}', '{"eventName":"a"}']);
    expect(requests[0]!.headers.get("idempotency-key")).toBe(requests[1]!.headers.get("idempotency-key"));
  });

  it("a stubbed global fetch that ignores its signal still times out", async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>(() => {})),
    );
    const call = client({ timeoutMs: 1_000, maxRetries: 0 }).GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    const settled = expect(call).rejects.toBeInstanceOf(APITimeoutError);
    await vi.advanceTimersByTimeAsync(1_000);
    await settled;
  });
});

describe("calls with caller middleware see real Requests", () => {
  const cases = [
    { name: "options.middleware", setup: (mw: Middleware) => client({ middleware: [mw] }), perCall: undefined },
    {
      name: "client.use() after creation",
      setup: (mw: Middleware) => {
        const c = client();
        c.use(mw);
        return c;
      },
      perCall: undefined,
    },
    { name: "a call's own middleware", setup: () => client(), perCall: true },
  ];
  for (const { name, setup, perCall } of cases) {
    it(`${name}: onRequest/onResponse get a Request; retries resend the same body and key`, async () => {
      const { sent } = stubFetch("Request", json(503, {}, fast), json(200, { success: true }));
      const seen: string[] = [];
      const mw: Middleware = {
        onRequest: ({ request }) => void seen.push(`req ${request instanceof Request} ${request.method}`),
        onResponse: ({ request, response }) => void seen.push(`res ${request instanceof Request} ${response.status}`),
      };
      const c = setup(mw);
      const { data } = await c.POST("/events/send", {
        body: { eventName: "a" },
        ...(perCall && { middleware: [mw] }),
      } as never);
      expect(data).toEqual({ success: true });
      expect(seen).toEqual(["req true POST", "res true 200"]);
      expect(sent.map((s) => s.body)).toEqual(['{"eventName":"a"}', '{"eventName":"a"}']);
      expect(new Set(sent.map((s) => s.key)).size).toBe(1);
    });
  }

  it("a middleware returning a real new Request (other URL, signed body) is sent, on every attempt", async () => {
    const { fetch, requests, bodies } = scriptedFetch(json(503, {}, fast), json(200, { success: true }));
    const c = testClient(fetch, {
      middleware: [
        {
          onRequest: ({ request }) =>
            new Request(request.url.replace("api.test", "moved.test"), {
              method: request.method,
              headers: request.headers,
              body: '{"eventName":"signed"}',
            }),
        },
      ],
    });
    const { data } = await c.POST("/events/send", { body: { eventName: "a" } });
    expect(data).toEqual({ success: true });
    expect(requests.map((r) => r.url)).toEqual([
      "https://moved.test/v1/events/send",
      "https://moved.test/v1/events/send",
    ]);
    expect(bodies).toEqual(['{"eventName":"signed"}', '{"eventName":"signed"}']);
    expect(requests[0]!.headers.get("idempotency-key")).toBe(requests[1]!.headers.get("idempotency-key"));
  });
});
