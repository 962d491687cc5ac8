// Type tests of the clients' exact call signatures (src/runtime/exact-types.ts): the four typos of
// issue 20, and what must keep working. Each `@ts-expect-error` fails the check if the line below
// it stops being an error; generated/<api>/type-checks.ts holds one such pair per operation.
import { describe, expectTypeOf, it } from "vitest";
import { createLifeLoopClient } from "../../../src/clients/lifeloop.ts";
import { createLoopMessageClient } from "../../../src/clients/loopmessage.ts";
import { createLoopsClient, type LoopsTransactionalRequest } from "../../../src/clients/loops.ts";

const loops = createLoopsClient({ apiKey: "sk_test_0123456789" });
const lifeloop = createLifeLoopClient({ token: "t0123456789", tenant: "sunrise-001" });
const loopmessage = createLoopMessageClient({ apiKey: "a0123456789" });
const email = "ada@example.com";

describe("a misspelt optional field is a compile error when the required ones are there", () => {
  it("Loops POST /v1/transactional: addToAudeince", () => {
    const body = { email, transactionalId: "cll42l54f20i1la0lfooe3z12" };
    // @ts-expect-error `addToAudeince` is not a field of TransactionalRequest
    void loops.POST("/v1/transactional", { body: { ...body, addToAudeince: true } });
    void loops.POST("/v1/transactional", { body: { ...body, addToAudience: true } });
    // The same through `request`.
    // @ts-expect-error `addToAudeince` is not a field of TransactionalRequest
    void loops.request("post", "/v1/transactional", { body: { ...body, addToAudeince: true } });
  });

  it("LifeLoop POST /facilities/{facilityId}/residents: roomNumbr", () => {
    const params = { path: { facilityId: "fac_1" } };
    void lifeloop.POST("/facilities/{facilityId}/residents", {
      params,
      // @ts-expect-error the schema is closed (additionalProperties: false): `roomNumbr` is not a field
      body: { firstName: "Ada", lastName: "Lovelace", roomNumbr: "12" },
    });
    void lifeloop.POST("/facilities/{facilityId}/residents", {
      params,
      body: { firstName: "Ada", lastName: "Lovelace", room: "12" },
    });
  });

  it("LoopMessage POST /api/v1/message/send/: sendr, in a literal body", () => {
    // @ts-expect-error `sendr` is in no member of the SendMessageRequest union
    void loopmessage.POST("/api/v1/message/send/", { body: { contact: "+15555550100", text: "Hi", sendr: "s1" } });
    void loopmessage.POST("/api/v1/message/send/", { body: { contact: "+15555550100", text: "Hi", sender: "s1" } });
  });

  it("Loops custom contact properties take the spec's scalars, not objects", () => {
    // @ts-expect-error an object is not string | number | boolean
    void loops.POST("/v1/contacts/create", { body: { email, plan: { tier: 1 } } });
    void loops.POST("/v1/contacts/create", { body: { email, plan: "pro", seats: 3, vip: true } });
    // A named field keeps its own type: `mailingLists` is an object.
    void loops.PUT("/v1/contacts/update", { body: { email, mailingLists: { list_1: true }, plan: "pro" } });
    // @ts-expect-error the same on update
    void loops.PUT("/v1/contacts/update", { body: { email, plan: ["pro"] } });
    // Event properties, the same.
    // @ts-expect-error an object is not string | number | boolean
    void loops.POST("/v1/events/send", { body: { email, eventName: "signup", plan: { tier: 1 } } });
    void loops.POST("/v1/events/send", { body: { email, eventName: "signup", plan: "pro" } });
  });
});

describe("params and the call's own options are exact too", () => {
  it("query, path and header parameters", () => {
    // @ts-expect-error `emial` is not a query parameter of GET /v1/contacts/find
    void loops.GET("/v1/contacts/find", { params: { query: { emial: email } } });
    void loops.GET("/v1/contacts/find", { params: { query: { email } } });
    // @ts-expect-error `facilityID` is not a path parameter
    void lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac_1", facilityID: "x" } } });
    const body = { email, transactionalId: "cll42l54f20i1la0lfooe3z12" };
    // @ts-expect-error `Idempotency-Kye` is not a header parameter
    void loops.POST("/v1/transactional", { body, params: { header: { "Idempotency-Kye": "k1" } } });
    void loops.POST("/v1/transactional", { body, params: { header: { "Idempotency-Key": "k1" } } });
  });

  it("per-call options", () => {
    void loops.GET("/v1/api-key", { timeoutMs: 5_000, maxRetries: 1, deadlineMs: 20_000, signal: null });
    // @ts-expect-error `timeotMs` is not an option
    void loops.GET("/v1/api-key", { timeotMs: 5_000 });
    // @ts-expect-error timeoutMs is a number
    void loops.GET("/v1/api-key", { timeoutMs: "5s" });
    void loops.GET("/v1/api-key", { validateResponses: "throw" });
    // @ts-expect-error validateResponses takes "off", "report" or "throw"
    void loops.GET("/v1/api-key", { validateResponses: "warn" });
  });

  it("a path that is not the API's is an error about the path, with or without options", () => {
    // @ts-expect-error no such path
    void loops.GET("/v1/contact");
    // @ts-expect-error no such path
    void loops.POST("/v1/transactionals", { body: {} });
  });
});

describe("what keeps working", () => {
  it("typed data and error", async () => {
    const { data, error } = await loops.GET("/v1/api-key");
    expectTypeOf(data).toEqualTypeOf<{ success: boolean; teamName: string } | undefined>();
    expectTypeOf(error?.message).toEqualTypeOf<string | undefined>();
  });

  it("parseAs", async () => {
    expectTypeOf((await loops.GET("/v1/api-key", { parseAs: "text" })).data).toEqualTypeOf<string | undefined>();
    expectTypeOf((await loops.GET("/v1/api-key", { parseAs: "blob" })).data).toEqualTypeOf<Blob | undefined>();
    expectTypeOf((await loops.GET("/v1/api-key", { parseAs: "json" })).data?.teamName).toEqualTypeOf<
      string | undefined
    >();
    // @ts-expect-error not a ParseAs
    void loops.GET("/v1/api-key", { parseAs: "xml" });
  });

  it("a body kept in a variable is checked where it is written, given the schema's type", () => {
    // @ts-expect-error `addToAudeince` is not a field of TransactionalRequest
    const typo: LoopsTransactionalRequest = { email, transactionalId: "t1", addToAudeince: true };
    void typo;
  });

  it("a body built beforehand, as a variable of the schema's type", () => {
    const body: Parameters<typeof loops.POST<"/v1/transactional">>[1]["body"] = {
      email,
      transactionalId: "cll42l54f20i1la0lfooe3z12",
    };
    void loops.POST("/v1/transactional", { body });
  });
});
