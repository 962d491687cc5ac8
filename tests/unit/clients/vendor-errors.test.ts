// The vendors' documented error bodies, answered by a server, reach the caller as typed fields:
// LifeLoop's `status / message / details / errors` and LoopMessage's numeric code.
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createLifeLoopClient, isLifeLoopAPIError, type LifeLoopAPIError } from "../../../src/clients/lifeloop.ts";
import {
  createLoopMessageClient,
  loopMessageErrorCode,
  type LoopMessageErrorCode,
} from "../../../src/clients/loopmessage.ts";
import { APIError, unwrap } from "../../../src/runtime/errors.ts";

interface Example {
  name: string;
  status: number;
  json: Record<string, unknown>;
}
const documentedErrors = (api: string): Example[] =>
  (JSON.parse(readFileSync(`tests/fixtures/${api}/vendor-examples.json`, "utf8")) as Example[]).filter(
    (e) => e.status >= 400,
  );

/** A fetch that answers every request with `status` and `body`, and no retry-worthy status. */
const answering = (status: number, body: unknown) => async () => Response.json(body, { status });
const noRetry = { maxRetries: 0 } as const;

async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (e) {
    return e;
  }
  throw new Error("the call did not throw");
}

describe("LifeLoop: the documented error bodies", () => {
  const examples = documentedErrors("lifeloop");
  it("the fixtures hold the documented bodies (400, 403, 422, 429)", () => {
    expect(examples.map((e) => e.status).sort()).toEqual([400, 403, 422, 429]);
  });

  for (const { name, status, json } of examples)
    it(`${name}: ${status} → an APIError with LifeLoop's fields, its details and failed fields in the message`, async () => {
      const lifeloop = createLifeLoopClient({
        token: "ll_test_token_123",
        tenant: "sunrise-001",
        fetch: answering(status, json),
        ...noRetry,
      });
      const error = await thrown(async () =>
        unwrap(await lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "fac-001" } } })),
      );
      expect(error).toBeInstanceOf(APIError);
      expect(isLifeLoopAPIError(error)).toBe(true);
      if (!isLifeLoopAPIError(error)) return;
      expectTypeOf(error.error!.errors).toEqualTypeOf<{ field: string; message: string }[] | undefined>();
      expect(error.status).toBe(status);
      expect(error.error).toEqual(json);
      expect(error.message).toContain(String(json.message));
      if (json.details) expect(error.message).toContain(String(json.details));
      for (const { field, message } of error.error!.errors ?? [])
        expect(error.message).toContain(`${field}: ${message}`);
    });

  const notLifeLoop: [string, unknown][] = [
    ["a TypeError", new TypeError("x")],
    ["an APIError without a body", new APIError(500, undefined, undefined)],
    ["a Loops body", new APIError(400, { success: false, message: "Bad" }, undefined)],
    ["a status that is a string", new APIError(400, { status: "400", message: "Bad Request" }, undefined)],
    ["details that are not text", new APIError(400, { status: 400, message: "Bad Request", details: 1 }, undefined)],
    ["errors that are not a list", new APIError(422, { status: 422, message: "Invalid", errors: "x" }, undefined)],
    [
      "a field error without its field",
      new APIError(422, { status: 422, message: "Invalid", errors: [{ message: "m" }] }, undefined),
    ],
  ];
  for (const [what, error] of notLifeLoop)
    it(`isLifeLoopAPIError is false for ${what}`, () => expect(isLifeLoopAPIError(error)).toBe(false));

  it("the narrowed type is LifeLoopAPIError", () => {
    const e: unknown = new APIError(404, { status: 404, message: "Not Found" }, undefined);
    if (isLifeLoopAPIError(e)) expectTypeOf(e).toEqualTypeOf<LifeLoopAPIError>();
    else throw new Error("not narrowed");
  });
});

describe("LoopMessage: the documented error codes", () => {
  const examples = documentedErrors("loopmessage");
  for (const { name, status, json } of examples) {
    const code = json.code ?? json.error_code;
    it(`${name}: ${status} → loopMessageErrorCode is ${code ?? "undefined (the body has no code)"}`, async () => {
      const loopmessage = createLoopMessageClient({
        apiKey: "lm_test_key_123",
        fetch: answering(status, json),
        ...noRetry,
      });
      const error = await thrown(async () =>
        unwrap(await loopmessage.GET("/v1/message/status/{id}/", { params: { path: { id: "m-1" } } })),
      );
      expect(error).toBeInstanceOf(APIError);
      expect(loopMessageErrorCode(error)).toBe(code);
    });
  }

  it("the fixtures include both names of the code, and bodies without one", () => {
    expect(examples.some((e) => typeof e.json.code === "number")).toBe(true);
    expect(examples.some((e) => typeof e.json.error_code === "number")).toBe(true);
    expect(examples.some((e) => e.json.code === undefined && e.json.error_code === undefined)).toBe(true);
  });

  it("is undefined for anything but an APIError with a numeric code", () => {
    expect(loopMessageErrorCode(new TypeError("x"))).toBeUndefined();
    expect(loopMessageErrorCode(new APIError(400, { code: "100" }, undefined))).toBeUndefined();
    expect(loopMessageErrorCode(new APIError(500, null, undefined))).toBeUndefined();
    expect(loopMessageErrorCode(new APIError(400, { code: 999_999 }, undefined))).toBe(999_999);
    expectTypeOf(loopMessageErrorCode).returns.toEqualTypeOf<LoopMessageErrorCode | (number & {}) | undefined>();
  });
});
