// `npm run drift`: reports made by the client's own check (driftCheck over the generated schemas)
// for drifting LifeLoop answers, written as JSON lines, then read by the script, which must name
// the line of specs/lifeloop/openapi.yaml that holds the refusing keyword.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import * as lifeloop from "../../generated/lifeloop/operation-schemas.ts";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { driftCheck, type DriftReport } from "../../src/runtime/response-validation.ts";
import { repoTempDir } from "../support/repo-temp.ts";

const reports: DriftReport[] = [];
const check = driftCheck("lifeloop", lifeloop, (r) => reports.push(r));
const ok = new Response(null, { status: 200 });
check("report", "GET", "/facilities/{facilityId}", {
  data: { data: { id: "f1", name: 42, tenant: "t" } },
  response: ok,
});
const resident = { id: "r1", firstName: "A", lastName: "B", facilityId: "f1" }; // no `status`
const page = { data: [resident, resident], page: 1, pageSize: 2, hasMore: false };
check("report", "GET", "/facilities/{facilityId}/residents", { data: page, response: ok });
// Another client's report of the same place counts in the same group.
driftCheck("lifeloop", lifeloop, (r) => reports.push(r))("report", "GET", "/facilities/{facilityId}/residents", {
  data: page,
  response: ok,
});
check("report", "GET", "/facilities/{facilityId}", {
  data: { message: "no" },
  response: new Response(null, { status: 418 }),
});

function drift(lines: string[]) {
  const file = join(repoTempDir("drift"), "reports.jsonl");
  writeFileSync(file, lines.join("\n") + "\n");
  return spawnSync(join(repoRoot, "node_modules/.bin/tsx"), ["scripts/drift.ts", file], {
    cwd: repoRoot,
    encoding: "utf8",
  });
}
const specLines = readFileSync(join(repoRoot, "specs/lifeloop/openapi.yaml"), "utf8").split("\n");
/** The spec line `file:line` in `output` names, after the line that mentions `place`. */
function lineAfter(output: string, place: string): string {
  const lines = output.split("\n");
  const at = lines.findIndex((l) => l.trimStart().startsWith(place));
  const m = /specs\/lifeloop\/openapi\.yaml:(\d+)\s+(\S+)/.exec(lines[at + 1] ?? "");
  expect(m, `no location after ${place} in:\n${output}`).not.toBeNull();
  return `${specLines[Number(m![1]) - 1]!.trim()} @ ${m![2]}`;
}

it("groups reports by operation and place and names the spec file, line and pointer of each", () => {
  const { status, stdout, stderr } = drift(reports.map((r) => JSON.stringify(r)));
  expect(stderr).toBe("");
  expect(status).toBe(0);
  expect(stdout).toContain("lifeloop getFacility (GET /facilities/{facilityId}) 200");
  expect(lineAfter(stdout, "/data/timezone  required")).toBe("required: @ #/components/schemas/Facility/required");
  expect(lineAfter(stdout, "/data/name  type")).toBe(
    "type: string @ #/components/schemas/Facility/properties/name/type",
  );
  // Both residents, one place; two clients, each reporting it once: two reports.
  expect(stdout).toMatch(/\/data\/\*\/status {2}required: .*2 reports/);
  expect(lineAfter(stdout, "/data/*/status  required")).toBe(
    "required: @ #/components/schemas/ResidentSummary/required",
  );
  expect(stdout).toContain("lifeloop getFacility (GET /facilities/{facilityId}) 418");
  expect(lineAfter(stdout, "(body)  status")).toMatch(
    /^responses: @ #\/paths\/~1\{tenant\}~1facilities~1\{facilityId\}\/get\/responses$/,
  );
});

it("names a line that is not a report, still reads the others, and exits 1", () => {
  const { status, stdout, stderr } = drift(["{ not json", JSON.stringify(reports[0])]);
  expect(stderr).toMatch(/reports\.jsonl:1: not a drift report/);
  expect(stdout).toContain("/data/timezone");
  expect(status).toBe(1);
});
