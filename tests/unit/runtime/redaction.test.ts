import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { bearerAuth, headerAuth, MissingCredentialError } from "../../../src/runtime/auth.ts";
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  unwrap,
} from "../../../src/runtime/errors.ts";
import { redactHeaders, REDACTED, registerSecret, scrub } from "../../../src/runtime/redact.ts";
import { json, SECRET, scriptedFetch, testClient } from "./helpers.ts";

/** Every way an error gets turned into text. */
const renderings = (e: Error) => [
  e.message,
  String(e),
  e.toString(),
  inspect(e, { depth: 10 }),
  JSON.stringify(e),
  e.stack ?? "",
];

describe("secrets never appear in errors", () => {
  // Building a client's auth registers its key for scrubbing (as any real client does first).
  bearerAuth(SECRET, "Test API key");
  // The server echoes the key back in its body and in headers: the worst case.
  const echo = { message: `Invalid key ${SECRET}`, key: SECRET, nested: [{ auth: `Bearer ${SECRET}` }] };
  const echoHeaders = {
    authorization: `Bearer ${SECRET}`,
    "x-api-key": SECRET,
    "x-debug": `key=${SECRET}`,
    "x-request-id": "r1",
  };
  const statuses = [400, 401, 403, 404, 409, 422, 429, 500, 418];
  const cases: { given: string; want: abstract new (...args: never[]) => Error; make: () => Error }[] = [
    ...statuses.map((s) => ({
      given: `APIError.from(${s})`,
      want: APIError,
      make: () => APIError.from(new Response(null, { status: s, headers: echoHeaders }), echo),
    })),
    {
      given: "APIConnectionError",
      want: APIConnectionError,
      make: () => new APIConnectionError(undefined, { cause: new Error("x") }),
    },
    { given: "APITimeoutError", want: APITimeoutError, make: () => new APITimeoutError(5) },
    { given: "APIUserAbortError", want: APIUserAbortError, make: () => new APIUserAbortError() },
    {
      given: "MissingCredentialError",
      want: MissingCredentialError,
      make: () => catchIt(() => bearerAuth("   ", "Loops API key")),
    },
  ];
  for (const { given, want, make } of cases) {
    it(given, () => {
      const err = make();
      expect(err).toBeInstanceOf(want);
      for (const text of renderings(err)) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(SECRET.slice(0, 20));
      }
    });
  }

  // The message keeps the first 500 characters of the body: the secret is scrubbed before the cut.
  const straddling = [
    { given: "text body", body: "x".repeat(490) + SECRET + " is invalid" },
    { given: "JSON body", body: { detail2: "y".repeat(470), echoed: SECRET } },
    { given: "vendor message", body: { message: "z".repeat(495) + SECRET } },
  ];
  for (const { given, body } of straddling) {
    it(`a secret across the 500-character cut of the message (${given}) leaves no prefix`, () => {
      const err = APIError.from(new Response(null, { status: 401 }), body);
      expect(err.message).not.toContain(SECRET.slice(0, 6));
      expect(err.message.length).toBeLessThanOrEqual(504);
    });
  }

  it("a caller-given message is scrubbed too", () => {
    expect(new APIError(500, undefined, `bad key ${SECRET}`).message).toBe(`bad key ${REDACTED}`);
  });

  const manyTenants = [{ given: 100 }, { given: 1_000 }];
  for (const { given } of manyTenants) {
    it(`a live client's key is still scrubbed after ${given} more secrets are registered (no silent cap)`, async () => {
      const key = `sk_live_tenant0_${given}_abcdefghij`;
      const { fetch } = scriptedFetch(json(401, { message: `bad key ${key}` }));
      const client = testClient(fetch, {}, { auth: bearerAuth(key) });
      for (let i = 0; i < given; i++) registerSecret(`tenant-secret-${given}-${i}-xxxxxxxx`);
      const e = await catchIt(async () =>
        unwrap(await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })),
      );
      for (const text of renderings(e)) expect(text).not.toContain(key);
    });
  }

  it("redacted headers keep non-secret values", () => {
    const err = APIError.from(new Response(null, { status: 500, headers: echoHeaders }), echo);
    expect(err.headers?.get("authorization")).toBe(REDACTED);
    expect(err.headers?.get("x-api-key")).toBe(REDACTED);
    expect(err.headers?.get("x-debug")).toBe(`key=${REDACTED}`);
    expect(err.requestId).toBe("r1");
    expect(err.message).toBe(`500 Invalid key ${REDACTED}`);
  });

  it("errors thrown by a real client call carry no secret", async () => {
    const { fetch, requests } = scriptedFetch(
      json(401, { message: `bad key ${SECRET}` }, { "www-authenticate": "Bearer" }),
    );
    const client = testClient(fetch);
    const err = catchIt(async () => unwrap(await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })));
    const e = await err;
    expect(e).toBeInstanceOf(AuthenticationError);
    for (const text of renderings(e)) expect(text).not.toContain(SECRET);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${SECRET}`);
  });

  // Defect 7: the README's own `{ error }` snippet printed an echoed key.
  const echoed = [
    { given: "a JSON body", reply: () => json(401, { message: `bad key ${SECRET}`, [SECRET]: [SECRET] }) },
    {
      given: "a JSON body with a \\u escape",
      reply: () =>
        new Response(`{"message":"bad key ${SECRET.replace("_", "\\u005f")}"}`, {
          status: 401,
          headers: { "content-type": "application/json" },
        }),
    },
    { given: "a text body", reply: () => new Response(`bad key ${SECRET}`, { status: 401 }) },
    { given: "a chunked body", reply: () => new Response(new Blob([`bad key ${SECRET}`]).stream(), { status: 500 }) },
  ];
  for (const { given, reply } of echoed) {
    it(`the { error } of a result holds no echoed key (${given}), retried or not`, async () => {
      const { fetch } = scriptedFetch(reply());
      const client = testClient(fetch, { maxRetries: 1, backoff: { initialDelayMs: 0 } });
      const { error, response } = await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      expect(response.ok).toBe(false);
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(JSON.stringify(error)).toContain(REDACTED);
    });
  }

  // Defect 8: openapi-fetch's `options` (handed to middleware) carried the call's state, Request and key.
  it("a middleware that logs everything it is given prints no key", async () => {
    const { fetch } = scriptedFetch(json(200, { id: "c1" }));
    const logged: string[] = [];
    const log = (what: unknown) => void logged.push(inspect(what, { depth: Infinity, showHidden: true }));
    const client = testClient(fetch, {
      middleware: [
        {
          onRequest: (params) => log(params),
          onResponse: ({ options, schemaPath, params }) => log({ options, schemaPath, params }),
        },
      ],
    });
    await client.POST("/events/send", { body: { eventName: "a" } });
    expect(logged).toHaveLength(2);
    for (const text of logged) expect(text).not.toContain(SECRET);
  });

  // Defect 10: JSON.stringify escaped these characters, and the escaped form survived the scrub.
  const awkward = [
    { given: "a double quote", secret: 'sk_quote_"_QwErTyUiOp' },
    { given: "a backslash", secret: "sk_slash_\\_AsDfGhJkLz" },
    { given: "a tab", secret: "sk_tab_\t_ZxCvBnMqWe" },
  ];
  for (const { given, secret } of awkward) {
    it(`a secret holding ${given} is redacted from every rendering of an APIError`, () => {
      bearerAuth(secret, "Test API key");
      const bodies = [{ detail2: { echoed: secret } }, { message: secret }, `text ${secret}`, [{ k: secret }]];
      for (const body of bodies) {
        const err = APIError.from(new Response(null, { status: 400 }), body);
        for (const text of renderings(err)) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
        }
      }
    });
  }

  // Defect 11: keys of 5 characters or less were accepted, and never redacted.
  const short = [{ given: "a" }, { given: "abcde" }, { given: "sk_1234" }];
  for (const { given } of short) {
    it(`a ${given.length}-character key is refused at construction`, () => {
      expect(() => bearerAuth(given, "Loops API key")).toThrow(MissingCredentialError);
      expect(() => headerAuth("Authorization", given, "Loops API key")).toThrow(/shorter than 8 characters/);
    });
  }
  it("any registered secret is scrubbed, however short", () => {
    registerSecret("zq9x");
    expect(scrub({ message: "token zq9x rejected" })).toEqual({ message: `token ${REDACTED} rejected` });
  });

  const headerCases: { given: Record<string, string>; want: Record<string, string> }[] = [
    { given: { Authorization: "Bearer t0k3n" }, want: { authorization: REDACTED } },
    { given: { "Proxy-Authorization": "Basic abc" }, want: { "proxy-authorization": REDACTED } },
    { given: { Cookie: "sid=1" }, want: { cookie: REDACTED } },
    { given: { "Loop-Secret-Key": "k" }, want: { "loop-secret-key": REDACTED } },
    { given: { "X-LifeLoop-Signature": "sha256=ab" }, want: { "x-lifeloop-signature": REDACTED } },
    { given: { "Content-Type": "application/json" }, want: { "content-type": "application/json" } },
  ];
  for (const { given, want } of headerCases) {
    it(`redactHeaders ${Object.keys(given)[0]}`, () => {
      expect(Object.fromEntries(redactHeaders(given))).toEqual(want);
    });
  }
});

describe("overlapping secrets: no part of any registered secret survives", () => {
  const cases = [
    // A webhook secret inside an API key, registered before it or after it.
    { given: ["team-2024", "prefix-team-2024-SUFFIXabcdef"], text: "key prefix-team-2024-SUFFIXabcdef!" },
    { given: ["prefix-2-team-2025-SUFFIXabcdef", "team-2025"], text: "key prefix-2-team-2025-SUFFIXabcdef!" },
    // Two secrets that overlap in the text without either holding the other.
    { given: ["abcdefXYZ123", "XYZ123ghijkl"], text: "key abcdefXYZ123ghijkl!" },
  ];
  for (const { given, text } of cases) {
    it(`${given.join(" then ")} in ${JSON.stringify(text)} → "key [REDACTED]!"`, () => {
      for (const secret of given) registerSecret(secret);
      expect(scrub(text)).toBe(`key ${REDACTED}!`);
    });
  }
});

describe("credentials at construction", () => {
  const cases = [
    { given: undefined, want: "Loops API key is missing or blank" },
    { given: null, want: "Loops API key is missing or blank" },
    { given: "", want: "Loops API key is missing or blank" },
    { given: "  \n\t ", want: "Loops API key is missing or blank" },
    // Characters a header value cannot hold: rejected here, not by Headers.set (whose error quotes the value).
    { given: "sk_live_ABCDEF\nGHIJKLMNOP", want: "not a valid header value" },
    { given: "sk_live_ABCDEF\rGHIJKLMNOP", want: "not a valid header value" },
    { given: "sk_live_ABCDEF\u0000GHIJKLMNOP", want: "not a valid header value" },
    { given: "sk_live_ABCDEF\u20acGHIJKLMNOP", want: "not a valid header value" },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → MissingCredentialError`, () => {
      expect(() => bearerAuth(given, "Loops API key")).toThrow(MissingCredentialError);
      expect(() => headerAuth("Authorization", given, "Loops API key")).toThrow(want);
      const err = catchIt(() => bearerAuth(given, "Loops API key"));
      expect(err.message).toMatch(/^Loops API key /);
      if (given) for (const text of renderings(err)) expect(text).not.toContain("GHIJ");
    });
  }

  const headerCases = [
    { given: bearerAuth(" tok_abc123456 "), want: ["Authorization", "Bearer tok_abc123456"] },
    { given: bearerAuth("8ch-key!"), want: ["Authorization", "Bearer 8ch-key!"] },
    { given: bearerAuth("tok_abc\t123é"), want: ["Authorization", "Bearer tok_abc\t123é"] },
    { given: headerAuth("Authorization", "raw_key_123456"), want: ["Authorization", "raw_key_123456"] },
  ];
  for (const { given, want } of headerCases) {
    it(`sets ${want.join(": ")}`, () => {
      const h = new Headers();
      given(h);
      expect(h.get(want[0]!)).toBe(want[1]);
    });
  }

  it("async auth (token refresh) is awaited before sending", async () => {
    const { fetch, requests } = scriptedFetch(json(200, { id: "c1" }));
    const client = testClient(
      fetch,
      {},
      {
        auth: async (h) => {
          await new Promise((r) => setTimeout(r, 1));
          h.set("Authorization", "Bearer fresh");
        },
      },
    );
    await client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer fresh");
  });
});

function catchIt(fn: () => unknown): Error;
function catchIt(fn: () => Promise<unknown>): Promise<Error>;
function catchIt(fn: () => unknown): Error | Promise<Error> {
  try {
    const r = fn();
    if (r instanceof Promise)
      return r.then(
        () => {
          throw new Error("did not throw");
        },
        (e: Error) => e,
      );
  } catch (e) {
    return e as Error;
  }
  throw new Error("did not throw");
}
