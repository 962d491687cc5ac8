// Fault injection: FAULT_REQUESTS calls (1,000 by default) through the client of every API in
// redocly.yaml, all at once, against a loopback server that answers ~30 % of attempts with a fault
// (503, 429 + Retry-After: 0, 429 + retry-after-ms, a connection reset, a stall past the client's
// timeout, or headers then half the body and a cut or a stall) and otherwise like the API. The calls
// are the contract cases' valid requests of every operation (tests/fault/workloads.ts), through the
// client a user makes, with retries on. The whole run is done twice: through an injected fetch, and
// through the default fetch (no `fetch` option at all).
//
// Invariants, per API and per fetch (tests/fault/checks.ts):
// - every call settles (no hang) with success or a typed error (an APIError subclass), and the one
//   its last answer calls for: a cut body is an APIConnectionError, a stalled one an APITimeoutError,
//   a 503 an InternalServerError, a 409 replay a ConflictError…;
// - a call that is not safe to send twice (POST or PATCH without an Idempotency-Key in the spec)
//   reaches the server once, whatever fault it got;
// - a call that is safe to repeat (GET, HEAD, OPTIONS, PUT, DELETE; a keyed operation) is retried
//   after every fault while it has retries left, and never more than that;
// - a keyed call carries a key on every attempt, the same one on all of them, and no other call
//   sends it; the server acts on it at most once. The server answers a used key 409, as Loops does,
//   so a 2xx the client lost (its body cut or stalled) is retried with the same key and gets 409.
//
// Faults are a pure function of (seed, call id, attempt number at the server), and time is counted in
// loop turns (tests/fault/loop-clock.ts): a healthy answer never meets a timeout, so attempts arrive
// in order and a seed gives the same records and verdicts whatever the load:
// FAULT_SEED=<n> npx vitest run tests/fault (`npm run test:stress` runs it 10 times on busy cores).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError, unwrap } from "../../src/runtime/errors.ts";
import {
  actedTwice,
  type CallRecord,
  type Kind,
  keyProblems,
  kindOf,
  retryProblems,
  sentTwice,
  wrongOutcomes,
} from "./checks.ts";
import { type FaultServer, type PlannedCall, startFaultServer } from "./fault-server.ts";
import { apiByName, readBundledSpec } from "../support/generated-specs.ts";
import { specOperations } from "../support/spec-operations.ts";
import { FAULTS } from "./faults.ts";
import { startLoopClock } from "./loop-clock.ts";
import { type Call, callsOf, loadWorkloads } from "./workloads.ts";

const SEED = Number(process.env.FAULT_SEED ?? 20_250_101);
const REQUESTS = Number(process.env.FAULT_REQUESTS ?? 1_000);
const CONCURRENCY = 16; // per client; the clients of all APIs run at the same time
const MAX_RETRIES = 2;
// On the loop clock (loop turns, not milliseconds): a healthy exchange takes a handful of turns, so
// only the stalls reach it.
const TIMEOUT_MS = 1_000;
const HANG_GUARD_MS = 10_000; // a call still pending after this counts as a hang (3 attempts + waits < 3.2 k turns)
// Real time, only a backstop against a hang the guard above cannot see: far beyond what a loaded
// machine needs (a few minutes), since a verdict must never come from it.
const RUN_LIMIT_MS = 900_000;

const workloads = await loadWorkloads();
const planned = new Map<string, PlannedCall>();
let server: FaultServer;

let clock: { stop(): void } | undefined;

beforeAll(async () => {
  server = await startFaultServer(SEED, planned, RUN_LIMIT_MS);
  clock = startLoopClock();
});
afterAll(async () => {
  clock?.stop();
  await server?.close();
});

type Mode = "injected fetch" | "default fetch";

const options = (mode: Mode) => ({
  maxRetries: MAX_RETRIES,
  timeoutMs: TIMEOUT_MS,
  backoff: { initialDelayMs: 2, maxDelayMs: 10 },
  rateLimit: { requestsPerSecond: 1_000_000 }, // configured, never throttling
  ...(mode === "injected fetch" && { fetch: (request: Request) => globalThis.fetch(request) }),
});

/** Runs the calls, CONCURRENCY at a time, and sets each record's outcome; returns the untyped throws. */
async function drive(calls: Call[]): Promise<unknown[]> {
  const untyped: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const { record, run } = calls[next++]!;
      let guard: ReturnType<typeof setTimeout> | undefined;
      const hang = new Promise<"hang">((resolve) => (guard = setTimeout(() => resolve("hang"), HANG_GUARD_MS)));
      try {
        const outcome = await Promise.race([run().then((result) => unwrap(result as never)), hang]);
        record.outcome = outcome === "hang" ? "hang" : "success";
      } catch (error) {
        record.outcome = error instanceof APIError ? error.name : "untyped";
        if (!(error instanceof APIError)) untyped.push(error);
      } finally {
        clearTimeout(guard);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return untyped;
}

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;
const tally = (values: readonly string[]) =>
  Object.entries(values.reduce<Record<string, number>>((t, v) => ((t[v] = (t[v] ?? 0) + 1), t), {}))
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

describe.each(["injected fetch", "default fetch"] as const)(
  `fault injection: every API × ${REQUESTS} calls against a faulty loopback server, %s`,
  (mode) => {
    const records = new Map<string, CallRecord[]>();
    const untyped = new Map<string, unknown[]>();

    beforeAll(async () => {
      const label = mode.split(" ")[0]!;
      const runs = workloads.map(async (w) => {
        const calls = callsOf(w, w.client(`${server.url}/${w.name}`, options(mode)), label, REQUESTS, SEED);
        for (const { record } of calls) planned.set(record.id, record);
        records.set(
          w.name,
          calls.map((c) => c.record),
        );
        untyped.set(w.name, await drive(calls));
      });
      await Promise.all(runs);
      for (const w of workloads) {
        const calls = records.get(w.name)!;
        const attempts = calls.flatMap((c) => c.attempts);
        console.log(
          `[fault seed=${SEED}, ${mode}] ${w.name}: ${calls.length} calls (${tally(calls.map((c) => c.kind))}) ` +
            `of ${new Set(calls.map((c) => c.operationId)).size} operations; outcomes {${tally(calls.map((c) => c.outcome ?? "none"))}}; ` +
            `${attempts.length} arrivals, answers {${tally(attempts.map((a) => a.answer))}}`,
        );
      }
    }, RUN_LIMIT_MS);

    describe.each(workloads.map((w) => [w.name, w] as const))("%s", (name, workload) => {
      const calls = () => records.get(name)!;
      // The kinds the spec's operations have, read from the bundled spec (not the generated table
      // the workload is built from), so that a kind lost on the way fails instead of dropping a test.
      const kinds = new Set(
        specOperations(readBundledSpec(apiByName(name))).map((op) =>
          kindOf({ method: op.method, idempotencyKey: op.keyed }),
        ),
      );
      const ofKind = (kind: Kind) => calls().filter((c) => c.kind === kind);

      it("the workload has every kind of operation the spec has", () => {
        expect(new Set(workload.operations.map((op) => op.kind))).toEqual(kinds);
      });

      it("every operation is called, each where its spec says", () => {
        expect(workload.uncovered, "operations without a contract case").toEqual([]);
        expect(new Set(calls().map((c) => c.operationId)).size).toBe(workload.operations.length);
        // Misrouted: a call of this API, or a request that named no call at all.
        expect(server.misrouted.filter((m) => (planned.get(m.id)?.api ?? name) === name)).toEqual([]);
      });

      it("every call settles with success or a typed error (no untyped throw, no hang)", () => {
        expect(untyped.get(name)).toEqual([]);
        expect(count(calls(), (c) => c.outcome === "hang")).toBe(0);
        expect(count(calls(), (c) => c.outcome === undefined)).toBe(0);
      });

      it("every call ends as its last answer says: success, or that fault's typed error", () => {
        expect(wrongOutcomes(calls())).toEqual([]);
      });

      it("every fault happened, and retries got most retry-safe calls through", () => {
        const answers = new Set(calls().flatMap((c) => c.attempts.map((a) => a.answer)));
        for (const fault of FAULTS) expect(answers, fault).toContain(fault);
        // Without retries ~70 % would succeed; with 2, ~90 % (the rest: 3 faults in a row, a lost 2xx).
        const retrySafe = calls().filter((c) => c.kind !== "unsafe");
        expect(count(retrySafe, (c) => c.outcome === "success") / retrySafe.length).toBeGreaterThan(0.8);
      });

      it("a retry-safe call is retried after every fault while it has retries left, and no more", () => {
        expect(retryProblems(calls(), MAX_RETRIES)).toEqual([]);
        expect(count(calls(), (c) => c.kind !== "unsafe" && c.attempts.length > 1)).toBeGreaterThan(0);
      });

      if (kinds.has("unsafe")) {
        it("a call that is not safe to repeat reaches the server once, whatever it got", () => {
          expect(sentTwice(calls())).toEqual([]);
          // and some of them did get a fault that a retry-safe call is retried after
          expect(count(ofKind("unsafe"), (c) => c.attempts[0]?.answer !== "2xx")).toBeGreaterThan(0);
        });
      }

      if (kinds.has("keyed")) {
        it("keyed calls: a key on every attempt, one per call, never another call's; acted on once", () => {
          expect(keyProblems(calls())).toEqual([]);
          expect(actedTwice(calls())).toEqual([]);
          // and some needed more than one attempt, and some lost a 2xx and got the 409 replay
          expect(count(ofKind("keyed"), (c) => c.attempts.length > 1)).toBeGreaterThan(0);
          expect(count(ofKind("keyed"), (c) => c.attempts.some((a) => a.answer === "409 replay"))).toBeGreaterThan(0);
        });
      }
    });
  },
);
