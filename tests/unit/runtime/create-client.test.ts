import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { bearerAuth, headerAuth, MissingCredentialError } from "../../../src/runtime/auth.ts";
import { createApiClient } from "../../../src/runtime/create-client.ts";
import { retryAtOnce, json, scriptedFetch, SECRET, testApi, testClient, type TestPaths } from "./helpers.ts";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("createApiClient", () => {
  it("returns the openapi-fetch client: typed { data, error, response }", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1", email: "a@b.c" }));
    const client = testClient(fetch);
    const { data, error, response } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expectTypeOf(data).toEqualTypeOf<{ id: string; email: string } | undefined>();
    expectTypeOf(error).toEqualTypeOf<{ success: false; message: string } | undefined>();
    expect(data).toEqual({ id: "c1", email: "a@b.c" });
    expect(response.status).toBe(200);
    expect(requests[0]!.url).toBe("https://api.test/v1/contacts/c1");
  });

  const authCases = [
    { given: bearerAuth(SECRET), want: `Bearer ${SECRET}` },
    { given: headerAuth("Authorization", SECRET), want: SECRET },
  ];
  for (const { given, want } of authCases) {
    it(`sends Authorization: ${want.startsWith("Bearer") ? "Bearer <key>" : "<key>"} and Accept: application/json`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
      const client = testClient(fetch, {}, { auth: given });
      await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(requests[0]!.headers.get("authorization")).toBe(want);
      expect(requests[0]!.headers.get("accept")).toBe("application/json");
    });
  }

  it("a blank credential fails at construction, without the value", () => {
    const make = (apiKey: string | undefined) => () =>
      createApiClient<TestPaths>({}, { ...testApi(), auth: bearerAuth(apiKey, "Loops API key") });
    expect(make(undefined)).toThrow(MissingCredentialError);
    expect(make(undefined)).toThrow(TypeError); // what the factories promise for a bad argument
    expect(make("   ")).toThrow("Loops API key is missing or blank");
  });

  it("a missing auth function fails at construction", () => {
    expect(() => createApiClient<TestPaths>({}, { ...testApi(), auth: undefined as never })).toThrow(TypeError);
  });

  it("default headers; caller middleware (options, then client.use()) runs before the key and the credential are set", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { success: true }));
    const order: string[] = [];
    const client = testClient(fetch, {
      headers: { "X-Client": "loop-api-clients" },
      middleware: [
        {
          onRequest: ({ request }) =>
            void order.push(
              `mine: auth=${request.headers.has("authorization")} key=${request.headers.has("idempotency-key")}`,
            ),
        },
      ],
    });
    client.use({ onRequest: () => void order.push("used later") });
    await client.POST("/events/send", { body: { eventName: "e" } });
    expect(requests[0]!.headers.get("x-client")).toBe("loop-api-clients");
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${SECRET}`);
    expect(requests[0]!.headers.get("idempotency-key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(order).toEqual(["mine: auth=false key=false", "used later"]);
  });

  it("uses globalThis.fetch when none is injected", async () => {
    const spy = vi.fn(async () => json(200, { id: "c1" }));
    vi.stubGlobal("fetch", spy);
    const client = testClient(undefined);
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("client.request(method, …) goes through the same path", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce));
    const client = testClient(fetch);
    await client.request("get", "/contacts/{id}", { params: { path: { id: "c1" } }, maxRetries: 1 });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.method).toBe("GET");
  });
});

describe("the runtime's own steps: key, credential, path safety", () => {
  const paths = [
    { name: "no caller middleware", middleware: undefined },
    { name: "one caller middleware", middleware: [{ onRequest: () => undefined }] },
  ];
  for (const { name, middleware } of paths) {
    it(`${name}: credential (also async), key on the keyed POST only, same key on a retry`, async () => {
      const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce), json(200, { success: true }));
      const client = testClient(
        fetch,
        { ...(middleware && { middleware }) },
        { auth: async (h) => void h.set("Authorization", `Bearer ${await Promise.resolve(SECRET)}`) },
      );
      await client.POST("/events/send", { body: { eventName: "e" } });
      await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(requests.map((r) => r.headers.get("authorization"))).toEqual(Array(3).fill(`Bearer ${SECRET}`));
      const [first, retry, get] = requests.map((r) => r.headers.get("idempotency-key"));
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(retry).toBe(first);
      expect(get).toBeNull();
    });

    it(`${name}: an unsafe path parameter rejects the call (no throw from GET itself), nothing sent`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
      const client = testClient(fetch, { ...(middleware && { middleware }) });
      const call = client.GET("/contacts/{id}", { params: { path: { id: ".." } } });
      await expect(call).rejects.toThrow('Path parameter "id" of /contacts/{id} must not be empty');
      expect(requests).toHaveLength(0);
    });

    it(`${name}: a failing credential step rejects the call, nothing sent`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
      const client = testClient(
        fetch,
        { ...(middleware && { middleware }) },
        { auth: async () => Promise.reject(new Error("token refresh failed")) },
      );
      await expect(client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).rejects.toThrow(
        "token refresh failed",
      );
      expect(requests).toHaveLength(0);
    });
  }

  // Defect 2: the key went to every operation, including those whose spec says `security: []`.
  it("sends the credential only to operations whose security asks for one", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { ok: true }));
    const client = testClient(fetch);
    await client.GET("/public/status");
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([null, `Bearer ${SECRET}`]);
  });

  it("the caller's key on a keyed operation is kept, on every attempt", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce), json(200, { success: true }));
    const client = testClient(fetch);
    await client.POST("/events/send", {
      body: { eventName: "a" },
      params: { header: { "Idempotency-Key": "mine-1" } },
    });
    expect(requests.map((r) => r.headers.get("idempotency-key"))).toEqual(["mine-1", "mine-1"]);
  });
});

describe("the body: read once by the runtime, parsed as `parseAs` asks", () => {
  const BODY = { id: "c1", email: "a@b.c" };
  const parses = [
    { given: "json (default)", parseAs: undefined, want: BODY },
    { given: "text", parseAs: "text" as const, want: JSON.stringify(BODY) },
    { given: "arrayBuffer", parseAs: "arrayBuffer" as const, want: JSON.stringify(BODY) },
    { given: "blob", parseAs: "blob" as const, want: JSON.stringify(BODY) },
  ];
  for (const { given, parseAs, want } of parses) {
    it(`parseAs ${given}`, async () => {
      const { fetch } = scriptedFetch(json(200, BODY));
      const { data } = await testClient(fetch).GET("/contacts/{id}", {
        params: { path: { id: "c1" } },
        ...(parseAs && { parseAs }),
      });
      const text =
        data instanceof ArrayBuffer
          ? new TextDecoder().decode(data)
          : data instanceof Blob
            ? `${data.type}|${await data.text()}`
            : data;
      expect(text).toEqual(parseAs === "blob" ? `application/json|${want as string}` : want);
    });
  }

  const empty = [
    { given: "an empty 200 without Content-Length", reply: () => new Response("", { status: 200 }) },
    { given: "a 200 with no body at all", reply: () => new Response(null, { status: 200 }) },
    { given: "a 204", reply: () => new Response(null, { status: 204 }) },
  ];
  for (const { given, reply } of empty) {
    it(`${given} → data undefined`, async () => {
      const { data, response } = await testClient(scriptedFetch(reply).fetch).GET("/contacts/{id}", {
        params: { path: { id: "c1" } },
      });
      expect(response.ok).toBe(true);
      expect(data).toBeUndefined();
    });
  }

  it("a body that is not JSON rejects with openapi-fetch's SyntaxError", async () => {
    const { fetch } = scriptedFetch(new Response("<html>", { status: 200 }));
    await expect(testClient(fetch).GET("/contacts/{id}", { params: { path: { id: "c1" } } })).rejects.toThrow(
      SyntaxError,
    );
  });

  const middleware = [
    {
      given: "onResponse reads a clone of the body",
      mw: { onResponse: async ({ response }: { response: Response }) => void (await response.clone().json()) },
      want: BODY,
    },
    {
      given: "onResponse reads the body itself",
      mw: { onResponse: async ({ response }: { response: Response }) => void (await response.text()) },
      want: BODY,
    },
    {
      given: "onResponse puts another Response in its place",
      mw: { onResponse: () => json(200, { id: "mocked", email: "m@b.c" }) },
      want: { id: "mocked", email: "m@b.c" },
    },
    {
      given: "onRequest answers without sending",
      mw: { onRequest: () => json(200, { id: "short", email: "s@b.c" }) },
      want: { id: "short", email: "s@b.c" },
    },
  ];
  for (const { given, mw, want } of middleware) {
    it(`caller middleware: ${given} → the data`, async () => {
      const { fetch } = scriptedFetch(json(200, BODY));
      const client = testClient(fetch, { middleware: [mw] });
      const { data } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(data).toEqual(want);
    });
  }

  it("a middleware's replacement is parsed as parseAs asks too", async () => {
    const { fetch } = scriptedFetch(json(200, BODY));
    const client = testClient(fetch, { middleware: [{ onResponse: () => new Response("plain", { status: 200 }) }] });
    const { data } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, parseAs: "text" });
    expect(data).toBe("plain");
  });
});

describe("base URLs are checked at construction (and per request), never echoed", () => {
  const PASSWORD = "hunter2-proxy-password";
  const cases: { given: string; options?: { allowInsecureHttp: boolean }; want: string | RegExp }[] = [
    { given: "https://api.test/v1/", want: "https://api.test/v1/contacts/c1" },
    { given: "http://127.0.0.1:4010", want: "http://127.0.0.1:4010/contacts/c1" },
    { given: "http://localhost:4010/x", want: "http://localhost:4010/x/contacts/c1" },
    { given: "http://[::1]:4010", want: "http://[::1]:4010/contacts/c1" },
    { given: "http://api.test", options: { allowInsecureHttp: true }, want: "http://api.test/contacts/c1" },
    // Defect 22: these were accepted until the first call.
    { given: "not a url", want: /is not an absolute URL/ },
    { given: "/v1", want: /is not an absolute URL/ },
    { given: "https://api.test/v1?x=1", want: /query string/ },
    { given: "https://api.test/v1#top", want: /fragment/ },
    { given: "file:///etc/passwd", want: /https:\/\/ URL/ },
    { given: "ftp://api.test", want: /https:\/\/ URL/ },
    { given: "http://api.test/v1", want: /allowInsecureHttp/ },
    { given: "http://10.0.0.1", want: /allowInsecureHttp/ },
    // Defect 9: a password in the URL reached undici's error text.
    { given: `https://bob:${PASSWORD}@proxy.test/v1`, want: /must not contain credentials/ },
    { given: `http://bob:${PASSWORD}@127.0.0.1:4010`, want: /must not contain credentials/ },
  ];
  for (const { given, options, want } of cases) {
    it(`${given}${options ? " (allowInsecureHttp)" : ""} → ${want}`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
      const make = () => testClient(fetch, options, { baseUrl: given });
      if (typeof want === "string") {
        await make().GET("/contacts/{id}", { params: { path: { id: "c1" } } });
        expect(requests[0]!.url).toBe(want);
        return;
      }
      expect(make).toThrow(TypeError);
      expect(make).toThrow(want);
      expect(make).toThrow(/^createTestClient: `baseUrl` /);
      const message = String(
        (() => {
          try {
            make();
          } catch (e) {
            return (e as Error).message;
          }
        })(),
      );
      expect(message).not.toContain(PASSWORD);
      // Per request: the same rules; the call rejects before anything is sent.
      const client = testClient(fetch);
      const err = await client
        .GET("/contacts/{id}", { params: { path: { id: "c1" } }, baseUrl: given })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TypeError);
      expect(String(err)).not.toContain(PASSWORD);
      expect(requests).toHaveLength(0);
    });
  }
});

describe("numeric options are checked: a clear RangeError, never a silent default", () => {
  const construction = [
    { given: { maxRetries: Number.NaN }, want: /maxRetries/ },
    { given: { maxRetries: -1 }, want: /maxRetries/ },
    { given: { maxRetries: 1.5 }, want: /maxRetries/ },
    { given: { timeoutMs: 0 }, want: /timeoutMs/ },
    { given: { timeoutMs: Number.POSITIVE_INFINITY }, want: /timeoutMs/ },
    { given: { deadlineMs: Number.NaN }, want: /deadlineMs/ },
    { given: { maxResponseBytes: -1 }, want: /maxResponseBytes/ },
    // Defect 19: a NaN backoff retried at once.
    { given: { backoff: { initialDelayMs: Number.NaN } }, want: /backoff\.initialDelayMs/ },
    { given: { backoff: { maxDelayMs: -5 } }, want: /backoff\.maxDelayMs/ },
    // Defect 18: a NaN burst turned the limiter off.
    { given: { rateLimit: { requestsPerSecond: 10, burst: Number.NaN } }, want: /rateLimit\.burst/ },
    { given: { rateLimit: { requestsPerSecond: 0 } }, want: /rateLimit\.requestsPerSecond/ },
  ];
  for (const { given, want } of construction) {
    it(`client ${JSON.stringify(given, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))} → RangeError`, () => {
      const make = () => testClient(async () => json(200, {}), given);
      expect(make).toThrow(RangeError);
      expect(make).toThrow(want);
    });
  }

  const perRequest = [
    { given: { maxRetries: Number.POSITIVE_INFINITY }, want: /maxRetries/ },
    { given: { timeoutMs: -1 }, want: /timeoutMs/ },
    { given: { deadlineMs: 0 }, want: /deadlineMs/ },
  ];
  for (const { given, want } of perRequest) {
    it(`request ${JSON.stringify(given, (_k, v) => (v === Number.POSITIVE_INFINITY ? "Infinity" : v))} → the call rejects with a RangeError, nothing sent`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, {}));
      const call = testClient(fetch).GET("/contacts/{id}", { params: { path: { id: "c1" } }, ...given });
      await expect(call).rejects.toThrow(RangeError);
      await expect(call).rejects.toThrow(want);
      expect(requests).toHaveLength(0);
    });
  }
});

describe("query parameter names are percent-encoded like values", () => {
  const names = ["a&b=c", "c++", "50%off", "a#b", "x=y"];
  for (const name of names) {
    it(`${JSON.stringify(name)} round-trips, client-wide and per request style options alike`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { data: [] }));
      const client = testClient(fetch, { querySerializer: { array: { style: "form", explode: false } } });
      await client.GET("/residents", { params: { query: { [name]: "1", page: 2 } as never } });
      await client.GET("/residents", {
        params: { query: { [name]: ["1", "2"] } as never },
        querySerializer: { array: { style: "form", explode: true } },
      });
      expect([...new URL(requests[0]!.url).searchParams]).toEqual([
        [name, "1"],
        ["page", "2"],
      ]);
      expect([...new URL(requests[1]!.url).searchParams]).toEqual([
        [name, "1"],
        [name, "2"],
      ]);
    });
  }
});

describe("route, querySerializer, per-request options", () => {
  const routed = (fetch: (r: Request) => Promise<Response>, extra = {}) =>
    testClient(fetch, extra, { baseUrls: { "GET /conversations": "https://other.test/base" } });

  const routeCases = [
    { given: { call: "GET /conversations" }, want: "https://other.test/base/conversations" },
    { given: { call: "GET /contacts/{id}" }, want: "https://api.test/v1/contacts/c1" },
    { given: { call: "GET /conversations", baseUrl: "https://mine.test" }, want: "https://mine.test/conversations" },
  ];
  for (const { given, want } of routeCases) {
    it(`baseUrls: ${given.call}${given.baseUrl ? " with a per-request baseUrl" : ""} → ${want}`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, {}));
      const client = routed(fetch);
      const init = given.baseUrl ? { baseUrl: given.baseUrl } : {};
      if (given.call === "GET /conversations") await client.GET("/conversations", init);
      else await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, ...init });
      expect(requests[0]!.url).toBe(want);
    });
  }

  it("middleware sees the routed URL, and per-request maxRetries still applies", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce));
    const seen: string[] = [];
    const client = routed(fetch, {
      maxRetries: 3,
      middleware: [{ onRequest: ({ request }: { request: Request }) => void seen.push(request.url) }],
    });
    const { response } = await client.GET("/conversations", { maxRetries: 0 });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(seen).toEqual(["https://other.test/base/conversations"]);
  });

  const replaced = [
    { given: "maxRetries: 0", init: { maxRetries: 0 }, want: { calls: 1 } },
    { given: "maxRetries: 1", init: { maxRetries: 1 }, want: { calls: 2 } },
  ];
  for (const { given, init, want } of replaced) {
    it(`a middleware that returns a new Request keeps ${given}`, async () => {
      const { fetch, requests } = scriptedFetch(json(503, {}, retryAtOnce));
      const client = testClient(fetch, {
        maxRetries: 4,
        middleware: [
          { onRequest: ({ request }) => new Request(request.url.replace("api.test", "moved.test"), request) },
        ],
      });
      await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, ...init });
      expect(requests).toHaveLength(want.calls);
      expect(requests[0]!.url).toBe("https://moved.test/v1/contacts/c1");
    });
  }

  it("a middleware that returns a new Request keeps timeoutMs", async () => {
    vi.useFakeTimers();
    const never = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const client = testClient(never, {
      timeoutMs: 60_000,
      middleware: [{ onRequest: ({ request }) => new Request(request) }],
    });
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, timeoutMs: 20, maxRetries: 0 });
    const settled = expect(call).rejects.toThrow("Request timed out after 20 ms.");
    await vi.advanceTimersByTimeAsync(20);
    await settled;
  });

  it("retries resend the body the middleware chain produced (the built one, or a replacement)", async () => {
    const cases = [
      { given: "no replacement", middleware: [], want: '{"eventName":"a"}' },
      {
        given: "a middleware that rewrites the body",
        middleware: [
          {
            onRequest: ({ request }: { request: Request }) => new Request(request, { body: '{"eventName":"signed"}' }),
          },
        ],
        want: '{"eventName":"signed"}',
      },
    ];
    for (const { middleware, want } of cases) {
      const { fetch, requests, bodies } = scriptedFetch(
        json(503, {}, retryAtOnce),
        json(500, {}, retryAtOnce),
        json(200, { success: true }),
      );
      const client = testClient(fetch, { middleware });
      const { response } = await client.POST("/events/send", { body: { eventName: "a" } });
      expect(response.status).toBe(200);
      expect(bodies).toEqual([want, want, want]);
      expect(new Set(requests.map((r) => r.headers.get("idempotency-key"))).size).toBe(1);
    }
  });

  it("a per-request bodySerializer is used, and its output is what retries resend", async () => {
    const { fetch, bodies } = scriptedFetch(json(503, {}, retryAtOnce), json(200, { success: true }));
    const client = testClient(fetch);
    await client.POST("/events/send", {
      body: { eventName: "a" },
      bodySerializer: (b) => `custom:${JSON.stringify(b)}`,
    });
    expect(bodies).toEqual(['custom:{"eventName":"a"}', 'custom:{"eventName":"a"}']);
  });

  const multipart = [
    { given: "global fetch (stubbed)", injected: false },
    { given: "injected fetch", injected: true },
  ];
  for (const { given, injected } of multipart) {
    it(`a retried multipart body is resent byte for byte, under its own boundary (${given})`, async () => {
      const { fetch, requests, bodies } = scriptedFetch(json(503, {}, retryAtOnce), json(200, { success: true }));
      if (!injected) vi.stubGlobal("fetch", (input: Request, init?: RequestInit) => fetch(new Request(input, init)));
      const client = testClient(injected ? fetch : undefined);
      const form = new FormData();
      form.set("eventName", "a");
      form.set("file", new Blob(["hello"], { type: "text/plain" }), "a.txt");
      await client.POST("/events/send", { body: form as never, bodySerializer: (b) => b });
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toBe(bodies[0]);
      const boundary = requests[0]!.headers.get("content-type")!.split("boundary=")[1]!;
      expect(requests[1]!.headers.get("content-type")).toBe(requests[0]!.headers.get("content-type"));
      expect(bodies[1]).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"`);
    });
  }

  it("a per-request fetch runs under the retries", async () => {
    const client = testClient(scriptedFetch(json(200, { id: "never" })).fetch);
    const mine = scriptedFetch(json(503, {}, retryAtOnce), json(200, { id: "c1", email: "a@b.c" }));
    const { data } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, fetch: mine.fetch });
    expect(data).toEqual({ id: "c1", email: "a@b.c" });
    expect(mine.requests).toHaveLength(2);
  });

  const serializers = [
    { given: undefined, want: "?page=2&per_page=5" },
    { given: { array: { style: "form", explode: false } } as const, want: "?page=2&per_page=5" },
    { given: () => "custom=1", want: "?custom=1" },
  ];
  for (const { given, want } of serializers) {
    it(`querySerializer ${given === undefined ? "default" : typeof given} → ${want}`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, {}));
      const client = testClient(fetch, given === undefined ? {} : { querySerializer: given });
      await client.GET("/conversations", { params: { query: { page: 2, per_page: 5 } } });
      expect(new URL(requests[0]!.url).search).toBe(want);
    });
  }

  it("backoff: a short initial delay makes connection-error retries quick", async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(new TypeError("fetch failed"), json(200, { id: "c1", email: "a@b.c" }));
    const client = testClient(fetch, { backoff: { initialDelayMs: 10, maxDelayMs: 20 } });
    const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    await vi.advanceTimersByTimeAsync(10); // the default first backoff is 375–500 ms
    expect(requests).toHaveLength(2);
    expect((await call).data?.id).toBe("c1");
  });
});
