import { describe, expect, expectTypeOf, it } from "vitest";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  UnprocessableEntityError,
  unwrap,
} from "../../../src/runtime/errors.ts";
import { TRUNCATED } from "../../../src/runtime/redact.ts";
import { json, scriptedFetch, testClient } from "./helpers.ts";

describe("APIError.from maps each status to its class", () => {
  const cases = [
    { given: 400, want: BadRequestError },
    { given: 401, want: AuthenticationError },
    { given: 403, want: PermissionDeniedError },
    { given: 404, want: NotFoundError },
    { given: 409, want: ConflictError },
    { given: 422, want: UnprocessableEntityError },
    { given: 429, want: RateLimitError },
    { given: 500, want: InternalServerError },
    { given: 502, want: InternalServerError },
    { given: 503, want: InternalServerError },
    { given: 599, want: InternalServerError },
    { given: 402, want: APIError },
    { given: 405, want: APIError },
    { given: 418, want: APIError },
  ];
  for (const { given, want } of cases) {
    it(`${given} → ${want.name}`, () => {
      const err = APIError.from(new Response(null, { status: given }), { message: "nope" });
      expect(err).toBeInstanceOf(want);
      expect(err).toBeInstanceOf(APIError);
      expect(err.constructor).toBe(want);
      expect(err.status).toBe(given);
      expect(err.name).toBe(want === APIError ? "APIError" : want.name);
    });
  }
});

describe("message and request id", () => {
  const cases = [
    { given: { success: false, message: "Contact not found" }, want: "404 Contact not found" },
    { given: { error: "invalid_page" }, want: "404 invalid_page" },
    { given: { error: { code: "E1", message: "Resident missing" } }, want: "404 Resident missing" },
    { given: { detail: "Gone away" }, want: "404 Gone away" },
    { given: "plain text failure", want: "404 plain text failure" },
    { given: { other: 1 }, want: '404 {"other":1}' },
    { given: undefined, want: "404 status code (no body)" },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want}`, () => {
      expect(APIError.from(new Response(null, { status: 404 }), given).message).toBe(want);
    });
  }

  const idCases: { given: Record<string, string>; want: string | undefined }[] = [
    { given: { "x-request-id": "req_1" }, want: "req_1" },
    { given: { "request-id": "req_2" }, want: "req_2" },
    { given: { "x-amzn-requestid": "req_3" }, want: "req_3" },
    { given: {}, want: undefined },
  ];
  for (const { given, want } of idCases) {
    it(`request id from ${JSON.stringify(given)}`, () => {
      expect(APIError.from(new Response(null, { status: 500, headers: given }), null).requestId).toBe(want);
    });
  }
});

describe("hostile error bodies still make an APIError", () => {
  // Defect 12: a small, deeply nested body threw RangeError (stack overflow) instead.
  const depths = [{ given: 20_000 }, { given: 100_000 }];
  for (const { given } of depths) {
    it(`an array nested ${given} deep (${(2 * given) / 1000} KB) → APIError, cut at 64 levels`, () => {
      const body: unknown = JSON.parse("[".repeat(given) + "]".repeat(given));
      const err = APIError.from(new Response(null, { status: 400 }), body);
      expect(err).toBeInstanceOf(BadRequestError);
      expect(JSON.stringify(err.error)).toBe("[".repeat(64) + JSON.stringify(TRUNCATED) + "]".repeat(64));
      expect(() => JSON.stringify(err)).not.toThrow();
    });
  }

  // Defect 13: a `"__proto__"` key became the prototype of `error`.
  it('a "__proto__" key stays a plain own property', () => {
    const body = JSON.parse('{"__proto__":{"polluted":true,"message":"inherited"},"code":"E1"}') as object;
    const err = APIError.from(new Response(null, { status: 400 }), body);
    const error = err.error as Record<string, unknown>;
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
    expect("polluted" in error).toBe(false);
    expect(Object.keys(error)).toEqual(["__proto__", "code"]);
    expect(error["__proto__"]).toEqual({ polluted: true, message: "inherited" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a body with a cycle or a BigInt (a caller's own) still gives a message", () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(new APIError(500, cycle, undefined).message).toMatch(/^500 \{"a":1,"self":\{"a":1,/);
    expect(new APIError(500, { n: 10n }, undefined).message).toBe("500 status code (no body)");
  });
});

describe("non-HTTP errors", () => {
  const cases = [
    { given: new APIConnectionError(), want: { status: undefined, name: "APIConnectionError", parent: APIError } },
    {
      given: new APITimeoutError(10),
      want: { status: undefined, name: "APITimeoutError", parent: APIConnectionError },
    },
    { given: new APIUserAbortError(), want: { status: undefined, name: "APIUserAbortError", parent: APIError } },
  ];
  for (const { given, want } of cases) {
    it(want.name, () => {
      expect(given.status).toBe(want.status);
      expect(given.name).toBe(want.name);
      expect(given).toBeInstanceOf(want.parent);
    });
  }
  it("ResponseTooLargeError keeps the status and the limit", () => {
    const err = new ResponseTooLargeError(new Response(null, { status: 200 }), 10);
    expect(err).toBeInstanceOf(APIError);
    expect({ status: err.status, limit: err.limit, name: err.name }).toEqual({
      status: 200,
      limit: 10,
      name: "ResponseTooLargeError",
    });
  });
  it("timeouts and user aborts are distinct", () => {
    expect(new APIUserAbortError()).not.toBeInstanceOf(APIConnectionError);
    expect(new APITimeoutError()).not.toBeInstanceOf(APIUserAbortError);
  });
});

describe("unwrap: the throwing style", () => {
  it("returns typed data on success", async () => {
    const { fetch } = scriptedFetch(json(200, { id: "c1", email: "a@b.c" }));
    const client = testClient(fetch);
    const contact = unwrap(await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } }));
    expectTypeOf(contact).toEqualTypeOf<{ id: string; email: string }>();
    expect(contact).toEqual({ id: "c1", email: "a@b.c" });
  });

  it("throws the typed subclass with the vendor body", async () => {
    const { fetch } = scriptedFetch(
      json(404, { success: false, message: "Contact not found" }, { "x-request-id": "r9" }),
    );
    const client = testClient(fetch);
    const result = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    let caught: unknown;
    try {
      unwrap(result);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NotFoundError);
    const err = caught as NotFoundError<{ success: false; message: string }>;
    expect(err.error).toEqual({ success: false, message: "Contact not found" });
    expect(err.requestId).toBe("r9");
    expect(err.message).toBe("404 Contact not found");
  });

  it("returns undefined for 204", async () => {
    const { fetch } = scriptedFetch(new Response(null, { status: 204 }));
    const client = testClient(fetch);
    expect(unwrap(await client.DELETE("/contacts/{id}", { params: { path: { id: "c1" } } }))).toBeUndefined();
  });
});

describe("unwrap as a .then() callback", () => {
  it("keeps the data type", async () => {
    const { fetch } = scriptedFetch(json(200, { id: "c1", email: "a@b.c" }));
    const client = testClient(fetch);
    const contact = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } }).then(unwrap);
    expectTypeOf(contact).toEqualTypeOf<{ id: string; email: string }>();
    expect(contact.email).toBe("a@b.c");
  });
});
