// The in-process mocks of loop-api-clients/testing, driven through the real clients with the mock's
// `fetch`: routing by the spec, request checks (credentials, parameters, body), the documented
// examples as answers, `respond`, `calls` and `reset`.
import { beforeEach, describe, expect, it } from "vitest";
import { examples as lifeloopExamples } from "../../../generated/lifeloop/examples.ts";
import { examples as loopsExamples } from "../../../generated/loops/examples.ts";
import { createLifeLoopClient } from "../../../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../../../src/clients/loopmessage.ts";
import { createLoopsClient } from "../../../src/clients/loops.ts";
import {
  createLifeLoopMock,
  createLoopMessageMock,
  createLoopsMock,
  type LoopsMock,
} from "../../../src/testing/index.ts";

const withoutAuthorization =
  (fetch: typeof globalThis.fetch) =>
  (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.headers.delete("authorization");
    return fetch(request);
  };

describe("createLoopsMock", () => {
  let mock: LoopsMock;
  let client: ReturnType<typeof createLoopsClient>;
  beforeEach(() => {
    mock = createLoopsMock();
    client = createLoopsClient({ apiKey: "test-loops-key", fetch: mock.fetch, maxRetries: 0, rateLimit: false });
  });

  it("answers a valid request with the spec's example for the lowest documented 2xx", async () => {
    const { data, response } = await client.POST("/v1/campaigns", { body: { name: "November newsletter" } });
    expect(response.status).toBe(201);
    expect(data).toEqual(loopsExamples.operations.createCampaign!["201"]!.body);
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  const refusals = [
    {
      given: "a body without a required property",
      call: (c: typeof client) => c.POST("/v1/campaigns", { body: {} as never }),
      want: { in: "body", pointer: "/name", rule: "required", found: "missing" },
    },
    {
      given: "a property that additionalProperties: false closes",
      call: (c: typeof client) => c.POST("/v1/campaigns", { body: { name: "N", subject: "Hi" } as never }),
      want: { in: "body", rule: "additionalProperties" },
    },
    {
      given: "a value outside an enum",
      call: (c: typeof client) =>
        c.POST("/v1/campaigns/{campaignId}", {
          params: { path: { campaignId: "cmp_9" } },
          body: { scheduling: { method: "later" } } as never,
        }),
      want: { in: "body", pointer: "/scheduling/method", rule: "enum", found: "string" },
    },
  ];
  for (const { given, call, want } of refusals) {
    it(`refuses ${given} with a 4xx problem naming the field and the rule`, async () => {
      const { data, error, response } = await call(client);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(data).toBeUndefined();
      expect((error as unknown as { errors: unknown[] }).errors).toContainEqual(expect.objectContaining(want));
      expect(mock.calls.at(-1)!.verdict).toMatchObject({ accepted: false, status: response.status });
    });
  }

  it("answers 401 when the operation's credential is missing, as the vendor does", async () => {
    const bare = createLoopsClient({
      apiKey: "test-loops-key",
      fetch: withoutAuthorization(mock.fetch),
      maxRetries: 0,
    });
    const { response, error } = await bare.GET("/v1/api-key");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ errors: [{ in: "credentials", name: "apiKey", rule: "security" }] });
  });

  it("answers 404 for a path the spec does not have and 405 for a method it does not allow", async () => {
    expect((await mock.fetch("https://app.loops.so/api/v1/nothing-here")).status).toBe(404);
    expect((await mock.fetch("https://app.loops.so/api/v1/api-key", { method: "DELETE" })).status).toBe(405);
    expect((await mock.fetch("https://app.loops.so/elsewhere/v1/api-key")).status).toBe(404);
  });

  it("records every request with its operation, parsed body and verdict, credentials redacted", async () => {
    await client.POST("/v1/campaigns", { body: { name: "November newsletter" } });
    await client.POST("/v1/campaigns", { body: {} as never });
    expect(mock.calls).toHaveLength(2);
    expect(mock.calls[0]).toMatchObject({
      operationId: "createCampaign",
      method: "POST",
      url: "https://app.loops.so/api/v1/campaigns",
      body: { name: "November newsletter" },
      verdict: { accepted: true, status: 201, problems: [] },
    });
    expect(mock.calls[0]!.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(mock.calls)).not.toContain("test-loops-key");
    expect(mock.calls[1]!.verdict.accepted).toBe(false);
  });

  it("respond: a documented status without a body answers with that status's example", async () => {
    mock.respond("createCampaign", { status: 404 });
    const { response, error } = await client.POST("/v1/campaigns", { body: { name: "November newsletter" } });
    expect(response.status).toBe(404);
    expect(error).toEqual(loopsExamples.operations.createCampaign!["404"]!.body);
  });

  it("respond: a body is checked against the status's schema and then sent as given", async () => {
    const body = { success: true, teamName: "Test team" } as const;
    mock.respond("testApiKey", { status: 200, body, headers: { "x-test": "1" } });
    const { data, response } = await client.GET("/v1/api-key");
    expect(data).toEqual(body);
    expect(response.headers.get("x-test")).toBe("1");
  });

  it("respond: an invalid request is still refused", async () => {
    mock.respond("createCampaign", { status: 404 });
    const { response } = await client.POST("/v1/campaigns", { body: {} as never });
    expect(response.status).toBe(400);
  });

  it("respond refuses an undocumented status, an unknown operation and a body that breaks the schema", () => {
    expect(() => mock.respond("testApiKey", { status: 418 as never })).toThrow(/does not document status 418/);
    const untyped = mock.respond as (operationId: string, answer: { status: number }) => void;
    expect(() => untyped("noSuchOperation", { status: 200 })).toThrow(/has no operation/);
    expect(() => mock.respond("testApiKey", { status: 200, body: { success: "yes" } as never })).toThrow(
      /\/success: .*"boolean"/,
    );
  });

  it("reset forgets the calls and every respond", async () => {
    mock.respond("testApiKey", { status: 401 });
    await client.GET("/v1/api-key");
    mock.reset();
    expect(mock.calls).toHaveLength(0);
    expect((await client.GET("/v1/api-key")).response.status).toBe(200);
  });

  it("answers a request that sends a cursor with the last page, so paginators end", async () => {
    const lists = Object.entries(loopsExamples.operations).filter(([, byStatus]) =>
      JSON.stringify(byStatus["200"]?.body ?? {}).includes('"nextCursor":"'),
    );
    expect(lists.length).toBeGreaterThan(0);
    const [operationId] = lists[0]!;
    const path = (await import("../../../generated/loops/operations.ts")).operations.find(
      (o) => o.operationId === operationId,
    )!.path;
    const page = await mock.fetch(`https://app.loops.so/api${path}?cursor=abc`, {
      headers: { authorization: "Bearer test-loops-key" },
    });
    expect(page.status).toBe(200);
    expect(JSON.stringify(await page.json())).not.toMatch(/"nextCursor":"/);
  });
});

describe("createLifeLoopMock", () => {
  const mock = createLifeLoopMock();
  const client = createLifeLoopClient({
    token: "test-lifeloop-token",
    tenant: "sunrise-001",
    fetch: mock.fetch,
    maxRetries: 0,
  });

  it("reads query strings as the parameter's type and answers with the documented headers", async () => {
    const { data, response } = await client.GET("/facilities", { params: { query: { page: 2 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual(lifeloopExamples.operations.listFacilities!["200"]!.body);
    expect(response.headers.get("x-ratelimit-limit")).toBe(
      String(lifeloopExamples.operations.listFacilities!["200"]!.headers!["X-RateLimit-Limit"]),
    );
  });

  it("refuses a query parameter of the wrong type, naming it", async () => {
    const { response, error } = await client.GET("/facilities", { params: { query: { page: "x" as never } } });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ errors: [{ in: "query", name: "page", rule: "type", found: "string" }] });
  });

  it("routes a request to a host the spec does not name (a custom baseUrl) by its path", async () => {
    const local = createLifeLoopClient({
      token: "test-lifeloop-token",
      tenant: "sunrise-001",
      baseUrl: "http://127.0.0.1:9/",
      allowInsecureHttp: true,
      fetch: mock.fetch,
    } as never);
    expect((await local.GET("/facilities")).response.status).toBe(200);
  });
});

describe("createLoopMessageMock", () => {
  const mock = createLoopMessageMock();

  it("routes each operation on its own host, and refuses it on another", async () => {
    const client = createLoopMessageClient({
      apiKey: "test-loopmessage-key",
      fetch: mock.fetch,
      maxRetries: 0,
    } as never);
    const url = await client.GET(
      "/tracker-api/v1/generate-url/{organization_id}/" as never,
      {
        params: { path: { organization_id: "org_1" } },
      } as never,
    );
    expect(url.response.status).toBe(200);
    expect(mock.calls.at(-1)!.url).toMatch(/^https:\/\/t\.imsg\.link\//);
    const wrongHost = await mock.fetch("https://t.imsg.link/api/v1/message/send/", {
      method: "POST",
      headers: { authorization: "test-loopmessage-key", "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongHost.status).toBe(404);
  });
});
