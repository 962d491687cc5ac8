// Live contract mode (see tests/live/live.ts): the contract cases of every API in redocly.yaml,
// sent to the real API when its credentials are set, each answer validated against the spec.
// Without credentials an API's tests are registered as skipped and one line says what to set.
//
//   LOOPS_API_KEY=… npx vitest run tests/live                       read-only operations
//   LOOPS_API_KEY=… LIVE_MUTATIONS=1 npx vitest run tests/live      and those that change data
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import {
  MUTATIONS_VAR,
  isReadOnly,
  liveClient,
  liveConfig,
  liveOperations,
  loadCases,
  liveValidator,
  runLiveCase,
  type LiveConfig,
} from "./live.ts";

const LIVE_TIMEOUT_MS = 60_000;

for (const api of loadApis()) {
  let config: LiveConfig;
  try {
    config = liveConfig(api.name);
  } catch (error) {
    // Credentials set, but something is unsafe or incomplete: a failing test, never a silent skip.
    describe(`${api.name} live contract`, () => {
      it("is configured", () => {
        throw error;
      });
    });
    continue;
  }

  const spec = readBundledSpec(api);
  const operations = liveOperations(spec);
  const module = await loadCases(api.name);

  if (!config.run) {
    console.log(config.reason);
    describe.skip(`${api.name} live contract`, () => {
      for (const op of operations) it(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, () => {});
    });
    continue;
  }

  const run = config;
  const mutating = operations.filter((op) => !isReadOnly(op.method));
  if (!run.mutations && mutating.length > 0) {
    console.log(
      `live contract tests for ${api.name}: ${mutating.length} operations that change data skipped: set ${MUTATIONS_VAR}=1 to run them`,
    );
  }
  const validator = await liveValidator(api.name);

  describe(`${api.name} live contract (${run.baseUrl ?? "the spec's servers"})`, () => {
    // One client for the whole run, so its rate limiter (Loops: 10 requests/s) spans every request.
    const client = liveClient(module, run, spec);
    for (const op of operations) {
      const title = `${op.operationId} (${op.method.toUpperCase()} ${op.path})`;
      const testCase = module.cases[op.operationId];
      if (!isReadOnly(op.method) && !run.mutations) {
        it.skip(`${title}: changes data, set ${MUTATIONS_VAR}=1`, () => {});
        continue;
      }
      it(`${title} answers as the spec documents`, { timeout: LIVE_TIMEOUT_MS }, async () => {
        expect(testCase, `no contract case for ${op.operationId} in tests/contract/${api.name}/cases.ts`).toBeDefined();
        const outcome = await runLiveCase(client, testCase!, op, validator);
        expect(outcome.problems).toEqual([]);
      });
    }
  });
}
