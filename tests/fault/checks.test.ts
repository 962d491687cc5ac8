// The fault suite's checks can fail: each flags the record of the behaviour it names, and passes a
// record of the behaviour it expects.
import { describe, expect, it } from "vitest";
import {
  actedTwice,
  type Attempt,
  type CallRecord,
  kindOf,
  keyProblems,
  retryProblems,
  sentTwice,
  wrongOutcomes,
} from "./checks.ts";
import type { Answer } from "./faults.ts";

const attempt = (answer: Answer, key?: string): Attempt => ({
  answer,
  key,
  acted: answer === "2xx" || answer === "body cut" || answer === "body stall",
});
const call = (kind: CallRecord["kind"], attempts: Attempt[], more: Partial<CallRecord> = {}): CallRecord => ({
  id: "c1",
  api: "widgets",
  operationId: "op",
  kind,
  attempts,
  ...more,
});

describe("kindOf", () => {
  it.each([
    ["get", false, "safe"],
    ["put", false, "safe"],
    ["delete", false, "safe"],
    ["post", false, "unsafe"],
    ["patch", false, "unsafe"],
    ["post", true, "keyed"],
  ] as const)("%s, keyed %s → %s", (method, idempotencyKey, kind) => {
    expect(kindOf({ method, idempotencyKey })).toBe(kind);
  });
});

describe("the fault suite's checks can fail", () => {
  const cases: { given: string; check: (calls: CallRecord[]) => string[]; calls: CallRecord[]; flagged: boolean }[] = [
    {
      given: "an unkeyed POST that arrived twice",
      check: sentTwice,
      calls: [call("unsafe", [attempt("503"), attempt("2xx")])],
      flagged: true,
    },
    {
      given: "an unkeyed POST that arrived once",
      check: sentTwice,
      calls: [call("unsafe", [attempt("503")])],
      flagged: false,
    },
    {
      given: "a keyed call answered 2xx twice",
      check: actedTwice,
      calls: [call("keyed", [attempt("body cut", "k1"), attempt("2xx", "k2")])],
      flagged: true,
    },
    {
      given: "a keyed call that lost its 2xx and got the 409 replay",
      check: actedTwice,
      calls: [call("keyed", [attempt("body cut", "k1"), attempt("409 replay", "k1")])],
      flagged: false,
    },
    {
      given: "a keyed call whose key changed between attempts",
      check: keyProblems,
      calls: [call("keyed", [attempt("503", "k1"), attempt("2xx", "k2")])],
      flagged: true,
    },
    {
      given: "a keyed attempt without a key",
      check: keyProblems,
      calls: [call("keyed", [attempt("503", "k1"), attempt("2xx")])],
      flagged: true,
    },
    {
      given: "two calls with one key",
      check: keyProblems,
      calls: [call("keyed", [attempt("2xx", "k1")]), call("keyed", [attempt("2xx", "k1")], { id: "c2" })],
      flagged: true,
    },
    {
      given: "a caller's key replaced",
      check: keyProblems,
      calls: [call("keyed", [attempt("2xx", "k2")], { callerKey: "k1" })],
      flagged: true,
    },
    {
      given: "one key per call, on every attempt",
      check: keyProblems,
      calls: [
        call("keyed", [attempt("503", "k1"), attempt("2xx", "k1")], { callerKey: "k1" }),
        call("keyed", [attempt("2xx", "k2")], { id: "c2" }),
      ],
      flagged: false,
    },
    {
      given: "a GET that gave up after one fault",
      check: (calls) => retryProblems(calls, 2),
      calls: [call("safe", [attempt("reset")])],
      flagged: true,
    },
    {
      given: "a keyed call that gave up after two faults",
      check: (calls) => retryProblems(calls, 2),
      calls: [call("keyed", [attempt("stall", "k1"), attempt("503", "k1")])],
      flagged: true,
    },
    {
      given: "a GET sent four times",
      check: (calls) => retryProblems(calls, 2),
      calls: [call("safe", [attempt("503"), attempt("503"), attempt("503"), attempt("2xx")])],
      flagged: true,
    },
    {
      given: "a GET that got three faults",
      check: (calls) => retryProblems(calls, 2),
      calls: [call("safe", [attempt("503"), attempt("reset"), attempt("stall")])],
      flagged: false,
    },
    {
      given: "a cut body that ends as a success",
      check: wrongOutcomes,
      calls: [call("unsafe", [attempt("body cut")], { outcome: "success" })],
      flagged: true,
    },
    {
      given: "a 503 that ends as a timeout",
      check: wrongOutcomes,
      calls: [call("safe", [attempt("503"), attempt("503"), attempt("503")], { outcome: "APITimeoutError" })],
      flagged: true,
    },
    {
      given: "a healthy answer that ends as a timeout",
      check: wrongOutcomes,
      calls: [call("safe", [attempt("503"), attempt("2xx")], { outcome: "APITimeoutError" })],
      flagged: true,
    },
    {
      given: "a call that never reached the server and ends as a timeout",
      check: wrongOutcomes,
      calls: [call("safe", [], { outcome: "APITimeoutError" })],
      flagged: true,
    },
    {
      given: "a stalled body that ends as a timeout",
      check: wrongOutcomes,
      calls: [call("unsafe", [attempt("body stall")], { outcome: "APITimeoutError" })],
      flagged: false,
    },
  ];
  for (const { given, check, calls, flagged } of cases) {
    it(`${given} → ${flagged ? "flagged" : "not flagged"}`, () => {
      expect(check(calls).length > 0).toBe(flagged);
    });
  }
});
