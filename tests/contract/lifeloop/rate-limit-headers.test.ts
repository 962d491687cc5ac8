// LifeLoop reports its rate-limit state on every response and says how long to wait on a 429
// (https://docs.lifeloop.dev/rate-limiting). The spec must declare those headers on every answer of
// every operation, and the mock built from it must send them through the generated client, so that
// code reading them (the client's limiter, the retry delay) is exercised against the spec.
import { describe, expect, inject, it } from "vitest";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { specOperations } from "../../support/spec-operations.ts";
import { cases, client } from "./cases.ts";

const spec = readBundledSpec(apiByName("lifeloop"));
const RATE_LIMIT = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];
const nonNegativeInteger = /^\d+$/;

interface ResponseObject {
  $ref?: string;
  headers?: Record<string, unknown>;
}

/** A response object of the bundled spec, with `$ref`s to `components/responses` followed. */
function response(ref: ResponseObject): ResponseObject {
  const name = ref.$ref?.replace("#/components/responses/", "");
  return name ? spec.components.responses[name] : ref;
}

describe("lifeloop rate-limit headers", () => {
  const operations = specOperations(spec);

  it.each(operations.map((op) => [op.operationId, op] as const))(
    "%s declares X-RateLimit-* on every response, and Retry-After on 429",
    (_id, op) => {
      const responses = spec.paths[op.path][op.method].responses as Record<string, ResponseObject>;
      for (const [status, ref] of Object.entries(responses)) {
        const headers = Object.keys(response(ref).headers ?? {});
        const want = status === "429" ? [...RATE_LIMIT, "Retry-After"] : RATE_LIMIT;
        expect(headers, `${op.operationId} ${status}`).toEqual(expect.arrayContaining(want));
      }
    },
  );

  it.each(operations.map((op) => [op.operationId] as const))("%s: the mock sends them", async (id) => {
    const call = cases[id as keyof typeof cases].valid;
    const ok = await call(client(inject("mockUrls").lifeloop), {});
    expect(ok.response.ok).toBe(true);
    for (const name of RATE_LIMIT) expect(ok.response.headers.get(name), name).toMatch(nonNegativeInteger);

    const limited = await call(client(inject("mockUrls").lifeloop), { headers: { Prefer: "code=429" } });
    expect(limited.response.status).toBe(429);
    for (const name of [...RATE_LIMIT, "Retry-After"]) {
      expect(limited.response.headers.get(name), name).toMatch(nonNegativeInteger);
    }
  });
});
