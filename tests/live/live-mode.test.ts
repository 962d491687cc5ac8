// The live contract mode itself, without the network: its configuration rules, its guard, and its
// checks run against the Prism mocks as if they were the real APIs (dummy credentials), with a
// fetch wrapper that breaks one answer to prove a drift is caught.
import { describe, expect, inject, it, vi } from "vitest";
import { loadApis } from "../../scripts/lib/apis.ts";
import { apiByName, readBundledSpec } from "../support/generated-specs.ts";
import {
  LIVE_ENV,
  allowedOrigins,
  guardedFetch,
  liveClient,
  liveConfig,
  liveConfigs,
  liveOperations,
  loadCases,
  liveValidator,
  runLiveCase,
  type LiveConfig,
} from "./live.ts";

type Runnable = Extract<LiveConfig, { run: true }>;

/** Dummy credentials for every credential variable of `api`, plus `extra`. */
function dummyEnv(api: string, extra: Record<string, string> = {}): Record<string, string> {
  const creds = Object.fromEntries(
    Object.values(LIVE_ENV[api]!.credentials).map((name) => [
      name,
      name.endsWith("TENANT") ? "sunrise-001" : `dummy-${name.toLowerCase()}`,
    ]),
  );
  return { ...creds, ...extra };
}

/** The configuration of `api` aimed at its Prism mock, as if the mock were the real API. */
function mockAsLive(api: string): Runnable {
  const config = liveConfig(
    api,
    dummyEnv(api, { [LIVE_ENV[api]!.baseUrl]: inject("mockUrls")[api]!, LIVE_ALLOW_LOCAL: "1", LIVE_MUTATIONS: "1" }),
  );
  if (!config.run) throw new Error(config.reason);
  return config;
}

/** A fetch that sends the request (adding `headers`), then lets `rewrite` replace the answer. */
function tamper(
  headers: Record<string, string>,
  rewrite?: (response: Response, request: Request) => Promise<Response>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    for (const [name, v] of Object.entries(headers)) request.headers.set(name, v);
    const response = await fetch(request);
    return rewrite ? rewrite(response, request) : response;
  };
}

async function runOne(api: string, operationId: string, inner?: typeof fetch) {
  const spec = readBundledSpec(apiByName(api));
  const op = liveOperations(spec).find((o) => o.operationId === operationId)!;
  const module = await loadCases(api);
  return runLiveCase(
    liveClient(module, mockAsLive(api), spec, inner),
    module.cases[operationId]!,
    op,
    await liveValidator(api),
  );
}

describe("live mode configuration", () => {
  it("has credential variables for every API in redocly.yaml", () => {
    expect(Object.keys(LIVE_ENV).sort()).toEqual(
      loadApis()
        .map((a) => a.name)
        .sort(),
    );
    expect(() => liveConfig("nosuchapi", {})).toThrow(/no entry in LIVE_ENV/);
  });

  it("skips every API without credentials, with one line saying what to set", () => {
    const configs = liveConfigs({});
    expect(configs.map((c) => (c.run ? "run" : c.reason))).toEqual(
      loadApis().map(
        (api) =>
          `live contract tests for ${api.name} skipped: set ${Object.values(api.client.credentials).join(" and ")} to run them`,
      ),
    );
    // As the README says, for the APIs it names.
    expect(configs.find((c) => c.api === "lifeloop")).toMatchObject({
      reason: "live contract tests for lifeloop skipped: set LIFELOOP_TOKEN and LIFELOOP_TENANT to run them",
    });
  });

  it("needs every credential of an API, and ignores blank ones", () => {
    expect(liveConfig("lifeloop", { LIFELOOP_TOKEN: "t-123456" })).toMatchObject({
      run: false,
      reason: expect.stringContaining("set LIFELOOP_TENANT to run"),
    });
    expect(liveConfig("loops", { LOOPS_API_KEY: "   " })).toMatchObject({ run: false });
  });

  it("runs read-only against the spec's servers by default; mutations only with LIVE_MUTATIONS=1", () => {
    expect(liveConfig("lifeloop", { LIFELOOP_TOKEN: "t-123456", LIFELOOP_TENANT: "sunrise-001" })).toEqual({
      run: true,
      api: "lifeloop",
      credentials: { token: "t-123456", tenant: "sunrise-001" },
      baseUrl: undefined,
      mutations: false,
    });
    expect(liveConfig("loops", { LOOPS_API_KEY: "k-123456", LIVE_MUTATIONS: "1" })).toMatchObject({
      run: true,
      mutations: true,
    });
    expect(liveConfig("loops", { LOOPS_API_KEY: "k-123456", LIVE_MUTATIONS: "0" })).toMatchObject({
      run: true,
      mutations: false,
    });
  });

  it("refuses a local base URL (the mocks) unless LIVE_ALLOW_LOCAL=1", () => {
    for (const [api, url] of Object.entries(inject("mockUrls"))) {
      expect(() => liveConfig(api, dummyEnv(api, { [LIVE_ENV[api]!.baseUrl]: url }))).toThrow(/local address/);
    }
    expect(() => liveConfig("loops", dummyEnv("loops", { LOOPS_BASE_URL: "http://localhost:4010" }))).toThrow(
      /local address/,
    );
    expect(() => liveConfig("loops", dummyEnv("loops", { LOOPS_BASE_URL: "not a url" }))).toThrow(/not an http/);
    expect(liveConfig("loops", dummyEnv("loops", { LOOPS_BASE_URL: "https://proxy.example/loops" }))).toMatchObject({
      run: true,
      baseUrl: "https://proxy.example/loops",
    });
  });

  it("allows the spec's servers only, every host of LoopMessage included", () => {
    expect(allowedOrigins(readBundledSpec(apiByName("loopmessage")), undefined).sort()).toEqual([
      "https://a.loopmessage.com",
      "https://t.imsg.link",
    ]);
    expect(allowedOrigins(readBundledSpec(apiByName("loops")), undefined)).toEqual(["https://app.loops.so"]);
    expect(allowedOrigins(readBundledSpec(apiByName("loops")), "https://proxy.example/loops")).toEqual([
      "https://proxy.example",
    ]);
  });
});

describe("live mode guard", () => {
  it("never sends a request without credentials", async () => {
    const inner = vi.fn(async () => new Response("{}"));
    const guarded = guardedFetch(["https://app.loops.so"], inner);
    await expect(guarded("https://app.loops.so/api/v1/api-key")).rejects.toThrow(/without credentials/);
    await expect(guarded("https://app.loops.so/api/v1/api-key", { headers: { Authorization: " " } })).rejects.toThrow(
      /without credentials/,
    );
    expect(inner).not.toHaveBeenCalled();
    await guarded("https://app.loops.so/api/v1/api-key", { headers: { Authorization: "Bearer k" } });
    expect(inner).toHaveBeenCalledTimes(1);
  });

  it("never sends a request to another host", async () => {
    const inner = vi.fn(async () => new Response("{}"));
    const guarded = guardedFetch(["https://app.loops.so"], inner);
    await expect(guarded("http://127.0.0.1:4010/api-key", { headers: { Authorization: "Bearer k" } })).rejects.toThrow(
      /refusing to send GET to http:\/\/127\.0\.0\.1:4010/,
    );
    expect(inner).not.toHaveBeenCalled();
  });

  it("refuses to build a client with a blank credential", async () => {
    const module = await loadCases("loops");
    const config: Runnable = {
      run: true,
      api: "loops",
      credentials: { apiKey: " " },
      baseUrl: undefined,
      mutations: false,
    };
    expect(() => liveClient(module, config, readBundledSpec(apiByName("loops")))).toThrow(/blank/);
  });

  it("sends the configured credentials, not the mock's test keys", async () => {
    const seen: string[] = [];
    const result = await runOne(
      "loops",
      "testApiKey",
      tamper({}, async (response, request) => (seen.push(request.headers.get("authorization")!), response)),
    );
    expect(result.problems).toEqual([]);
    expect(seen).toEqual(["Bearer dummy-loops_api_key"]);
  });
});

describe("live mode checks, against the mocks as if they were the real APIs", () => {
  for (const api of loadApis().map((a) => a.name)) {
    it(`${api}: every operation's answer validates against the spec`, { timeout: 60_000 }, async () => {
      const spec = readBundledSpec(apiByName(api));
      const module = await loadCases(api);
      const validator = await liveValidator(api);
      const client = liveClient(module, mockAsLive(api), spec);
      const problems: string[] = [];
      for (const op of liveOperations(spec)) {
        const outcome = await runLiveCase(client, module.cases[op.operationId]!, op, validator);
        problems.push(...outcome.problems);
      }
      expect(problems).toEqual([]);
    });
  }

  it("accepts a documented error status whose body matches its schema", async () => {
    const outcome = await runOne("lifeloop", "getResident", tamper({ Prefer: "code=404" }));
    expect(outcome).toEqual({ status: 404, problems: [] });
  });

  it("flags a status the spec does not document", async () => {
    const outcome = await runOne(
      "lifeloop",
      "getResident",
      tamper({}, async (response) => new Response(await response.text(), { status: 418, headers: response.headers })),
    );
    expect(outcome.status).toBe(418);
    expect(outcome.problems).toEqual([
      expect.stringMatching(
        /getResident \(GET \/\{tenant\}\/residents\/\{residentId\}\) answered 418, which the spec does not document/,
      ),
    ]);
  });

  it("flags a body that breaks its status's schema", async () => {
    const outcome = await runOne(
      "lifeloop",
      "getResident",
      tamper({}, async (response) => {
        const body = (await response.json()) as { data: Record<string, unknown> };
        body.data.id = 42; // the vendor started sending numeric ids
        delete body.data.lastName;
        return Response.json(body, { status: response.status });
      }),
    );
    expect(outcome.status).toBe(200);
    expect(outcome.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/answered 200: body breaks the 200 schema: \/data\/id type: .*\(found: integer\)/),
        expect.stringMatching(/body breaks the 200 schema: \/data\/lastName required: .*\(found: missing\)/),
      ]),
    );
  });

  it("flags an error body that breaks the error schema", async () => {
    const outcome = await runOne(
      "loops",
      "findContact",
      tamper({ Prefer: "code=400" }, async (response) =>
        Response.json({ oops: true, success: "no" }, { status: response.status }),
      ),
    );
    expect(outcome.status).toBe(400);
    expect(outcome.problems.length).toBeGreaterThan(0);
    expect(outcome.problems[0]).toMatch(/answered 400: body breaks the 400 schema/);
  });

  it("flags refused credentials (401)", async () => {
    const outcome = await runOne("loopmessage", "sendMessage", tamper({ Prefer: "code=401" }));
    expect(outcome.status).toBe(401);
    expect(outcome.problems).toEqual([expect.stringMatching(/answered 401: the credentials were refused/)]);
  });
});
