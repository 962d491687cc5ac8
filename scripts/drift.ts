// `npm run drift -- <reports.jsonl>`: the drift reports a client's `onDrift` collected (one JSON
// object a line), grouped by operation and place, each with the file, line and JSON pointer in
// specs/ to look at. A line that is not a report is named on stderr (the others are still read) and
// the exit code is 1.
import { readFileSync } from "node:fs";
import { loadApis } from "./lib/apis.ts";
import { driftGroups, formatDrift } from "./lib/drift-locations.ts";
import type { DriftReport } from "../src/runtime/response-validation.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run drift -- <reports.jsonl>");
  process.exit(2);
}
const reports: DriftReport[] = [];
let bad = 0;
readFileSync(file, "utf8")
  .split("\n")
  .forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const report = JSON.parse(line) as DriftReport;
      if (typeof report.operationId !== "string" || !Array.isArray(report.problems)) throw new Error("not a report");
      reports.push(report);
    } catch {
      bad++;
      console.error(`${file}:${i + 1}: not a drift report (a JSON object with operationId and problems), skipped`);
    }
  });
console.log(reports.length > 0 ? formatDrift(driftGroups(reports, loadApis())) : "no drift reports");
process.exitCode = bad > 0 ? 1 : 0;
