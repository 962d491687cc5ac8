// One table-driven contract suite, shared by every API: each operation in the bundled spec gets
//  - a valid request, accepted by the mock, whose response validates against the spec;
//  - every documented error status (forced with `Prefer: code=N`), surfaced as the typed `error`;
//  - its invalid requests, rejected by the mock's request validation and surfaced, not swallowed;
//  - when the operation is secured, a request without credentials, answered 401.
import { describe, expect, inject, it } from "vitest";
import { readBundledSpec, apiByName } from "../support/generated-specs.ts";
import { answerProblems, specOperations } from "../support/spec-operations.ts";
import { SpecValidator } from "../support/spec-validator.ts";

export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Request options the harness adds; every `valid` call spreads them into its request options. */
export interface Extras {
  headers?: Record<string, string>;
}

export interface ContractCase<C> {
  valid: (client: C, extras: Extras) => Promise<CallResult>;
  invalid?: Record<string, (client: C) => Promise<CallResult>>;
}

export interface ContractSuite<C> {
  /** The API's name in redocly.yaml. */
  api: string;
  /** A client of the API pointed at `baseUrl`, optionally with its fetch replaced. */
  client: (baseUrl: string, fetch?: typeof globalThis.fetch) => C;
  cases: Record<string, ContractCase<C>>;
}

/** Forwards the request without its credentials. */
export function withoutCredentials(request: Request | string | URL, init?: RequestInit): Promise<Response> {
  const stripped = new Request(request, init);
  stripped.headers.delete("authorization");
  return fetch(stripped);
}

const isError = (status: string) => /^[45]\d\d$/.test(status);

export function runContractSuite<C>(suite: ContractSuite<C>): void {
  const spec = readBundledSpec(apiByName(suite.api));
  const validator = new SpecValidator(spec);
  const baseUrl = () => inject("mockUrls")[suite.api]!;

  describe(`${suite.api} contract`, () => {
    for (const op of specOperations(spec)) {
      const testCase = suite.cases[op.operationId];
      describe(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, () => {
        it("has a contract case", () => {
          expect(testCase, `no contract case for ${op.operationId}`).toBeDefined();
        });
        if (!testCase) return;

        it("accepts a valid request and answers with a body that matches the spec", async () => {
          const result = await testCase.valid(suite.client(baseUrl()), {});
          expect(result.response.headers.get("sl-violations")).toBeNull();
          expect(result.error, JSON.stringify(result.error)).toBeUndefined();
          expect(result.response.ok).toBe(true);
          expect(answerProblems(validator, op, result.response.status, result.data)).toEqual([]);
        });

        for (const status of op.statuses.filter(isError)) {
          it(`surfaces a documented ${status} as the typed error`, async () => {
            const result = await testCase.valid(suite.client(baseUrl()), { headers: { Prefer: `code=${status}` } });
            expect(result.response.status).toBe(Number(status));
            expect(result.data).toBeUndefined();
            expect(answerProblems(validator, op, Number(status), result.error)).toEqual([]);
          });
        }

        for (const [name, call] of Object.entries(testCase.invalid ?? {})) {
          it(`rejects an invalid request: ${name}`, async () => {
            const result = await call(suite.client(baseUrl()));
            expect(result.response.status).toBeGreaterThanOrEqual(400);
            expect(result.response.status).toBeLessThan(500);
            expect(result.response.headers.get("sl-violations"), "rejected by request validation").not.toBeNull();
            expect(result.data).toBeUndefined();
            expect(result.error).toBeDefined();
          });
        }

        if (op.secured) {
          it("answers 401 without credentials", async () => {
            const result = await testCase.valid(suite.client(baseUrl(), withoutCredentials), {});
            expect(result.response.status).toBe(401);
            expect(result.data).toBeUndefined();
          });
        }
      });
    }
  });
}
