// The in-process mocks of loop-api-clients/testing agree with Prism: every contract case of every
// API (tests/contract/<api>/cases.ts) — each valid request, each invalid one, and each secured
// operation's request without credentials — goes through the same client twice, once to Prism and
// once to the in-process mock, and both must give the same verdict: accepted or refused, with a
// status of the same class. An accepted request gets the same status and the same body from both.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { specOperations } from "../support/spec-operations.ts";
import { createLifeLoopMock, createLoopMessageMock, createLoopsMock, type SpecMock } from "../../src/testing/index.ts";
import type { CallResult, ContractSuite } from "./contract-runner.ts";

const mocks: Record<string, () => SpecMock> = {
  loops: createLoopsMock as () => SpecMock,
  lifeloop: createLifeLoopMock as () => SpecMock,
  loopmessage: createLoopMessageMock as () => SpecMock,
};

/** A fetch that drops the credentials before handing the request on. */
const bare =
  (fetch: typeof globalThis.fetch) =>
  (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.headers.delete("authorization");
    return fetch(request);
  };

interface Verdict {
  accepted: boolean;
  statusClass: number;
  status: number;
  body: unknown;
}

const verdict = (result: CallResult): Verdict => ({
  accepted: result.response.ok,
  statusClass: Math.floor(result.response.status / 100),
  status: result.response.status,
  body: result.response.ok ? result.data : undefined,
});

for (const api of loadApis()) {
  const { client, cases } = (await import(`./${api.name}/cases.ts`)) as Omit<ContractSuite<unknown>, "api">;
  const makeMock = mocks[api.name];

  describe(`${api.name}: the in-process mock agrees with Prism`, () => {
    it("has an in-process mock", () => expect(makeMock, `no mock for ${api.name}`).toBeDefined());
    if (!makeMock) return;
    const prism = () => inject("mockUrls")[api.name]!;

    for (const op of specOperations(readBundledSpec(api))) {
      const testCase = cases[op.operationId];
      if (!testCase) continue; // contract.test.ts fails for a missing case

      it(`${op.operationId}: the valid request`, async () => {
        const mock = makeMock();
        const viaPrism = verdict(await testCase.valid(client(prism()), {}));
        const inProcess = verdict(await testCase.valid(client(undefined as never, mock.fetch), {}));
        expect(viaPrism.accepted).toBe(true);
        expect(inProcess, JSON.stringify(mock.calls.at(-1)?.verdict.problems)).toEqual(viaPrism);
      });

      for (const [name, call] of Object.entries(testCase.invalid ?? {})) {
        it(`${op.operationId}: refuses ${name}`, async () => {
          const mock = makeMock();
          const viaPrism = verdict(await call(client(prism())));
          const inProcess = verdict(await call(client(undefined as never, mock.fetch)));
          expect(viaPrism.accepted).toBe(false);
          expect({ accepted: inProcess.accepted, statusClass: inProcess.statusClass }).toEqual({
            accepted: viaPrism.accepted,
            statusClass: viaPrism.statusClass,
          });
          // The mock says why, naming the place and the rule.
          expect(mock.calls.at(-1)!.verdict.problems.length).toBeGreaterThan(0);
        });
      }

      if (op.secured) {
        it(`${op.operationId}: without credentials`, async () => {
          const mock = makeMock();
          const viaPrism = verdict(await testCase.valid(client(prism(), bare(fetch)), {}));
          const inProcess = verdict(await testCase.valid(client(undefined as never, bare(mock.fetch)), {}));
          expect(viaPrism.status).toBe(401);
          expect(inProcess.status).toBe(401);
        });
      }
    }
  });
}
