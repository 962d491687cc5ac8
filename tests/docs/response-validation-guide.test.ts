// docs/guides/response-validation.md holds to the code: its example report and error message are
// what the client's check makes of the answer the guide describes (a facility without `timezone`
// and with a numeric `name`). Its ```ts blocks type-check in tests/consumer/guide-snippets.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import * as lifeloop from "../../generated/lifeloop/operation-schemas.ts";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { driftCheck, type DriftReport, ResponseValidationError } from "../../src/runtime/response-validation.ts";

const guide = readFileSync(join(repoRoot, "docs/guides/response-validation.md"), "utf8");
const blocks = (lang: string) =>
  [...guide.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);

const answer = { data: { id: "fac-001", name: 42, tenant: "sunrise-001" } };
const response = new Response(null, { status: 200 });

it("the example report is the one the check makes", () => {
  const reports: DriftReport[] = [];
  driftCheck("lifeloop", lifeloop, (r) => reports.push(r))("report", "GET", "/facilities/{facilityId}", {
    data: answer,
    response,
  });
  expect(reports).toEqual([JSON.parse(blocks("json")[0]!)]);
});

it("the example message is the one the error carries", () => {
  let error: unknown;
  try {
    driftCheck("lifeloop", lifeloop)("throw", "GET", "/facilities/{facilityId}", { data: answer, response });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(guide).toContain(`// ${(error as Error).message}\n`);
});
