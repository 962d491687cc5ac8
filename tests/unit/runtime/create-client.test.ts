import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { bearerAuth, headerAuth, MissingCredentialError } from "../../../src/runtime/auth.ts";
import { createApiClient, type ApiClientOptions } from "../../../src/runtime/create-client.ts";
import { fast, json, scriptedFetch, SECRET, testClient, type TestPaths } from "./helpers.ts";

afterEach(() => {
  vi.unstubAllGlobals();
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
      const client = testClient(fetch, { auth: given });
      await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(requests[0]!.headers.get("authorization")).toBe(want);
      expect(requests[0]!.headers.get("accept")).toBe("application/json");
    });
  }

  it("a blank credential fails at construction, without the value", () => {
    const make = (apiKey: string | undefined) => () =>
      createApiClient<TestPaths>({ baseUrl: "https://api.test", auth: bearerAuth(apiKey, "Loops API key") });
    expect(make(undefined)).toThrow(MissingCredentialError);
    expect(make(undefined)).toThrow(TypeError); // what the factories promise for a bad argument
    expect(make("   ")).toThrow("Loops API key is missing or blank");
  });

  it("a missing auth function fails at construction", () => {
    expect(() => createApiClient<TestPaths>({ baseUrl: "https://api.test" } as never)).toThrow(TypeError);
  });

  it("default headers, extra middleware after the runtime steps, client.use()", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const order: string[] = [];
    const client = testClient(fetch, {
      headers: { "X-Client": "loop-api-clients" },
      middleware: [
        { onRequest: ({ request }) => void order.push(`mine saw auth=${request.headers.has("authorization")}`) },
      ],
    });
    client.use({ onRequest: () => void order.push("used later") });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(requests[0]!.headers.get("x-client")).toBe("loop-api-clients");
    expect(order).toEqual(["mine saw auth=true", "used later"]);
  });

  it("uses globalThis.fetch when none is injected", async () => {
    const spy = vi.fn(async () => json(200, { id: "c1" }));
    vi.stubGlobal("fetch", spy);
    const client = createApiClient<TestPaths>({ baseUrl: "https://api.test", auth: bearerAuth(SECRET) });
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("idempotency operations are typed against the paths", () => {
    const ok = () =>
      createApiClient<TestPaths>({
        baseUrl: "x",
        auth: bearerAuth(SECRET),
        idempotency: { operations: ["POST /events/send"] },
      });
    const bad = () =>
      createApiClient<TestPaths>({
        baseUrl: "x",
        auth: bearerAuth(SECRET),
        // @ts-expect-error: there is no GET /events/send
        idempotency: { operations: ["GET /events/send"] },
      });
    expect(ok).not.toThrow();
    expect(bad).not.toThrow();
  });

  it("a custom idempotency header and generator", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { success: true }));
    const client = testClient(fetch, {
      idempotency: { operations: ["POST /events/send"], header: "X-Idem", generate: () => "fixed" },
    });
    await client.POST("/events/send", { body: { eventName: "e" } });
    expect(requests[0]!.headers.get("x-idem")).toBe("fixed");
  });
});

// Without caller middleware the runtime's steps run inline on an openapi-fetch client that has no
// middleware; with one, they run as the first middleware. Both must do the same things.
describe("createApiClient: the runtime's own steps, with and without caller middleware", () => {
  const paths = [
    { name: "no caller middleware", middleware: undefined },
    { name: "one caller middleware", middleware: [{ onRequest: () => undefined }] },
  ];
  for (const { name, middleware } of paths) {
    it(`${name}: credential (also async), key on the keyed POST only, same key on a retry`, async () => {
      const { fetch, requests } = scriptedFetch(json(503, {}, fast), json(200, { success: true }));
      const client = testClient(fetch, {
        middleware,
        auth: async (h) => void h.set("Authorization", `Bearer ${await Promise.resolve(SECRET)}`),
      });
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
      const client = testClient(fetch, { middleware });
      let call: Promise<unknown> | undefined;
      expect(() => (call = client.GET("/contacts/{id}", { params: { path: { id: ".." } } }))).not.toThrow();
      await expect(call).rejects.toThrow('Path parameter "id" of /contacts/{id} must not be empty');
      expect(requests).toHaveLength(0);
    });

    it(`${name}: a failing credential step rejects the call, nothing sent`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
      const client = testClient(fetch, {
        middleware,
        auth: async () => Promise.reject(new Error("token refresh failed")),
      });
      await expect(client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).rejects.toThrow(
        "token refresh failed",
      );
      expect(requests).toHaveLength(0);
    });
  }
});

describe("createApiClient: route, querySerializer, per-request options", () => {
  const routed = (fetch: (r: Request) => Promise<Response>, extra: Partial<ApiClientOptions<TestPaths>> = {}) =>
    testClient(fetch, {
      route: (schemaPath, method) =>
        method === "GET" && schemaPath === "/conversations" ? "https://other.test/base/" : undefined,
      ...extra,
    });

  const routeCases = [
    { given: { call: "GET /conversations" }, want: "https://other.test/base/conversations" },
    { given: { call: "GET /contacts/{id}" }, want: "https://api.test/v1/contacts/c1" },
    { given: { call: "GET /conversations", baseUrl: "https://mine.test" }, want: "https://mine.test/conversations" },
  ];
  for (const { given, want } of routeCases) {
    it(`route: ${given.call}${given.baseUrl ? " with a per-request baseUrl" : ""} → ${want}`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, {}));
      const client = routed(fetch);
      const init = given.baseUrl ? { baseUrl: given.baseUrl } : {};
      if (given.call === "GET /conversations") await client.GET("/conversations", init);
      else await client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, ...init });
      expect(requests[0]!.url).toBe(want);
    });
  }

  it("route: middleware sees the routed URL, and per-request maxRetries still applies", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, fast));
    const seen: string[] = [];
    const client = routed(fetch, {
      maxRetries: 3,
      middleware: [{ onRequest: ({ request }) => void seen.push(request.url) }],
    });
    const { response } = await client.GET("/conversations", { maxRetries: 0 });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(seen).toEqual(["https://other.test/base/conversations"]);
  });

  const replaced = [
    { given: "maxRetries: 0", init: { maxRetries: 0 }, reply: () => json(503, {}, fast), want: { calls: 1 } },
    { given: "maxRetries: 1", init: { maxRetries: 1 }, reply: () => json(503, {}, fast), want: { calls: 2 } },
  ];
  for (const { given, init, reply, want } of replaced) {
    it(`a middleware that returns a new Request keeps ${given}`, async () => {
      const { fetch, requests } = scriptedFetch(reply());
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
    const never = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const client = testClient(never, {
      timeoutMs: 60_000,
      middleware: [{ onRequest: ({ request }) => new Request(request) }],
    });
    const started = Date.now();
    await expect(
      client.GET("/contacts/{id}", { params: { path: { id: "c1" } }, timeoutMs: 20, maxRetries: 0 }),
    ).rejects.toThrow("Request timed out after 20 ms.");
    expect(Date.now() - started).toBeLessThan(5_000);
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
        json(503, {}, fast),
        json(500, {}, fast),
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
    const { fetch, bodies } = scriptedFetch(json(503, {}, fast), json(200, { success: true }));
    const client = testClient(fetch);
    await client.POST("/events/send", {
      body: { eventName: "a" },
      bodySerializer: (b) => `custom:${JSON.stringify(b)}`,
    });
    expect(bodies).toEqual(['custom:{"eventName":"a"}', 'custom:{"eventName":"a"}']);
  });

  it("a retried multipart body is resent byte for byte, under its own boundary", async () => {
    const { fetch, requests, bodies } = scriptedFetch(json(503, {}, fast), json(200, { success: true }));
    const client = testClient(fetch);
    const form = new FormData();
    form.set("eventName", "a");
    await client.POST("/events/send", { body: form as never, bodySerializer: (b) => b });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    const boundary = requests[0]!.headers.get("content-type")!.split("boundary=")[1]!;
    expect(requests[1]!.headers.get("content-type")).toBe(requests[0]!.headers.get("content-type"));
    expect(bodies[1]).toContain(boundary);
  });

  it("a per-request fetch runs under the retries", async () => {
    const client = testClient(scriptedFetch(json(200, { id: "never" })).fetch);
    const mine = scriptedFetch(json(503, {}, fast), json(200, { id: "c1", email: "a@b.c" }));
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
    const { fetch, requests } = scriptedFetch(new TypeError("fetch failed"), json(200, { id: "c1", email: "a@b.c" }));
    const client = testClient(fetch, { backoff: { initialDelayMs: 1, maxDelayMs: 2 } });
    const started = Date.now();
    const { data } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(data?.id).toBe("c1");
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(300); // the default first backoff is 375–500 ms
  });

  it("client.request(method, …) goes through the same path", async () => {
    const { fetch, requests } = scriptedFetch(json(503, {}, fast));
    const client = testClient(fetch);
    await client.request("get", "/contacts/{id}", { params: { path: { id: "c1" } }, maxRetries: 1 });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.method).toBe("GET");
  });
});
