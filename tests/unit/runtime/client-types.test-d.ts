// Type tests (vitest typecheck, and `tsc` in `npm test`): what the types accept and refuse. Each
// `@ts-expect-error` fails the check if the types stop refusing the line below it.
import { describe, expectTypeOf, it } from "vitest";
import { createLoopsClient, loopsPages, type LoopsClientOptions } from "../../../src/clients/loops.ts";
import type { ApiDefinition } from "../../../src/runtime/create-client.ts";
import type { Operation } from "../../../src/runtime/operations.ts";
import { RateLimiter } from "../../../src/runtime/rate-limit.ts";
import { operations } from "../../../generated/loops/operations.ts";
import { pathOf } from "../../support/operation-path.ts";
import type { TestPaths } from "./helpers.ts";

describe("operation lists are typed against the paths", () => {
  it("accept the operations the paths have", () => {
    expectTypeOf<"POST /events/send">().toExtend<Operation<TestPaths>>();
    expectTypeOf<"GET /contacts/{id}">().toExtend<Operation<TestPaths>>();
  });

  it("refuse one they do not have", () => {
    expectTypeOf<"GET /events/send">().not.toExtend<Operation<TestPaths>>();
    // @ts-expect-error: there is no GET /events/send
    const keyed: ApiDefinition<TestPaths>["keyed"] = ["GET /events/send"];
    void keyed;
  });
});

describe("client options", () => {
  it("rateLimit takes options, a shared limiter, or false", () => {
    expectTypeOf<{ requestsPerSecond: 5 }>().toExtend<LoopsClientOptions["rateLimit"]>();
    expectTypeOf<RateLimiter>().toExtend<LoopsClientOptions["rateLimit"]>();
    expectTypeOf<false>().toExtend<LoopsClientOptions["rateLimit"]>();
  });

  it("the removed `pathParams` option is refused", () => {
    // @ts-expect-error: LifeLoop puts the tenant in the base URL; there is no client-wide path parameter
    const options: LoopsClientOptions = { apiKey: "sk_test_0123456789", pathParams: { tenant: "t" } };
    void options;
  });

  it("a paginator's items are typed from the response", () => {
    const loops = createLoopsClient({ apiKey: "sk_test_0123456789" });
    const list = pathOf(operations, "listTransactionalEmails");
    const emails = loopsPages((q) => loops.GET(list, { params: { query: q } }));
    expectTypeOf(emails).toExtend<AsyncIterable<{ id: string }>>();
  });
});
