// The drift check on its own (the client's use of it: tests/unit/clients/response-validation.test.ts):
// its memory of reported problems is bounded.
import { expect, it } from "vitest";
import { driftCheck, type DriftReport, REMEMBERED_PROBLEMS } from "../../../src/runtime/response-validation.ts";

// One operation whose 200 body is an object of string properties: each holding a number is a new place.
const keys = Array.from({ length: REMEMBERED_PROBLEMS + 1 }, (_, i) => `k${i}`);
const schemas = {
  operationSchemas: {
    securitySchemes: {},
    operations: { getThing: { security: [], parameters: [], responses: { "200": { schema: "getThing:200" } } } },
    $defs: {
      "getThing:200": { type: "object", properties: Object.fromEntries(keys.map((k) => [k, { type: "string" }])) },
    },
  },
  routes: { "GET /thing": "getThing" },
};
const answer = (body: unknown) => ({ data: body, response: new Response(null, { status: 200 }) });
const numbersAt = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

it("remembers at most REMEMBERED_PROBLEMS problems: past it the oldest is reported again", () => {
  const reports: DriftReport[] = [];
  const check = driftCheck("test", schemas, (r) => reports.push(r));
  check("report", "GET", "/thing", answer(numbersAt(keys)));
  expect(reports[0]!.problems).toHaveLength(REMEMBERED_PROBLEMS + 1);
  // k1 is still remembered; k0, the oldest, was forgotten to make room.
  check("report", "GET", "/thing", answer(numbersAt(["k1"])));
  expect(reports).toHaveLength(1);
  check("report", "GET", "/thing", answer(numbersAt(["k0"])));
  expect(reports).toHaveLength(2);
  expect(reports[1]!.problems.map((p) => p.pointer)).toEqual(["/k0"]);
});

it("checks only the spec's operations: a route it does not know is left alone", () => {
  const reports: DriftReport[] = [];
  driftCheck("test", schemas, (r) => reports.push(r))("throw", "GET", "/other", answer(numbersAt(["a"])));
  expect(reports).toEqual([]);
});
