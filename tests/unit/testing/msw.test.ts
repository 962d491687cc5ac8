// The mocks' MSW handlers under MSW 2's setupServer: a client on the global fetch (no `fetch`
// option) gets the in-process mock's answers; requests to other hosts pass to the next handler.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createLoopsClient } from "../../../src/clients/loops.ts";
import { createLoopMessageClient } from "../../../src/clients/loopmessage.ts";
import { createLoopMessageMock, createLoopsMock } from "../../../src/testing/index.ts";

const loops = createLoopsMock();
const loopMessage = createLoopMessageMock();
const server = setupServer(
  ...loops.handlers(http),
  ...loopMessage.handlers(http),
  http.get("https://example.org/elsewhere", () => HttpResponse.json({ elsewhere: true })),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => {
  loops.reset();
  loopMessage.reset();
});

it("answers a valid request with the spec's example, and records it", async () => {
  const client = createLoopsClient({ apiKey: "test-loops-key", maxRetries: 0 });
  const { data, response } = await client.GET("/v1/api-key");
  expect(response.status).toBe(200);
  expect(data).toMatchObject({ success: true });
  expect(loops.calls.map((c) => c.operationId)).toEqual(["testApiKey"]);
});

it("refuses an invalid request as the in-process mock does", async () => {
  const client = createLoopsClient({ apiKey: "test-loops-key", maxRetries: 0 });
  const { response, error } = await client.POST("/v1/campaigns", { body: {} as never });
  expect(response.status).toBe(400);
  expect(error).toMatchObject({ errors: [{ in: "body", pointer: "/name", rule: "required" }] });
});

it("respond applies to the handlers too", async () => {
  loops.respond("testApiKey", { status: 401 });
  const client = createLoopsClient({ apiKey: "test-loops-key", maxRetries: 0 });
  expect((await client.GET("/v1/api-key")).response.status).toBe(401);
});

it("covers every host of the spec (LoopMessage's two)", async () => {
  const client = createLoopMessageClient({ apiKey: "test-loopmessage-key", maxRetries: 0 } as never);
  const { response } = await client.GET(
    "/tracker-api/v1/generate-url/{organization_id}/" as never,
    {
      params: { path: { organization_id: "org_1" } },
    } as never,
  );
  expect(response.status).toBe(200);
  expect(loopMessage.calls[0]!.url).toMatch(/^https:\/\/t\.imsg\.link\//);
});

it("lets requests to other hosts pass to the next handler", async () => {
  expect(await (await fetch("https://example.org/elsewhere")).json()).toEqual({ elsewhere: true });
});
