import { describe, expect, it } from "vitest";
import { assertSafePathParams, PathParamError } from "../../../src/runtime/path-safety.ts";
import { json, scriptedFetch, testClient } from "./helpers.ts";

describe("path parameters are checked before any request is sent", () => {
  const cases = [
    { given: "c1", want: "https://api.test/v1/contacts/c1" },
    { given: "a b", want: "https://api.test/v1/contacts/a%20b" },
    { given: "a/b", want: "https://api.test/v1/contacts/a%2Fb" },
    { given: "...", want: "https://api.test/v1/contacts/..." },
    { given: ".hidden", want: "https://api.test/v1/contacts/.hidden" },
    { given: "%2e%2e", want: "https://api.test/v1/contacts/%252e%252e" },
    { given: ".", want: PathParamError },
    { given: "..", want: PathParamError },
    { given: " .. ", want: PathParamError },
    { given: "", want: PathParamError },
    { given: "   ", want: PathParamError },
    { given: undefined, want: PathParamError },
    { given: null, want: PathParamError },
  ];
  for (const { given, want } of cases) {
    it(`id ${JSON.stringify(given)} → ${typeof want === "string" ? want : want.name}`, async () => {
      const { fetch, requests } = scriptedFetch(json(200, { id: "x", email: "e" }));
      const client = testClient(fetch);
      const call = client.GET("/contacts/{id}", { params: { path: { id: given as string } } });
      if (typeof want === "string") {
        await call;
        expect(requests[0]!.url).toBe(want);
      } else {
        await expect(call).rejects.toBeInstanceOf(want);
        expect(requests).toHaveLength(0);
      }
    });
  }

  const direct = [
    { given: { path: "/a/{id}", params: { id: 5 } }, want: true },
    { given: { path: "/a/{id}", params: { id: 0 } }, want: true },
    { given: { path: "/a", params: undefined }, want: true },
    { given: { path: "/a/{id}/b/{sub}", params: { id: "x", sub: ".." } }, want: false },
    { given: { path: "/a/{id}", params: { id: ["x", "."] } }, want: false },
    { given: { path: "/a/{id}", params: { id: [] } }, want: false },
    { given: { path: "/a/{.id}", params: { id: "v" } }, want: true },
    { given: { path: "/a/{id*}", params: { id: ".." } }, want: false },
  ];
  for (const { given, want } of direct) {
    it(`${given.path} ${JSON.stringify(given.params)} → ${want ? "ok" : "rejected"}`, () => {
      const run = () => assertSafePathParams(given.path, given.params);
      if (want) expect(run).not.toThrow();
      else expect(run).toThrow(PathParamError);
    });
  }

  it("the message names the parameter and the path", () => {
    expect(() => assertSafePathParams("/contacts/{id}", { id: ".." })).toThrow(
      'Path parameter "id" of /contacts/{id} must not be empty, ".", or ".."',
    );
  });
});
