// Cost of response validation (`validateResponses`), per answer, on the client's own check
// (driftCheck: route lookup, the spec's schema for the status, the report): a LifeLoop residents
// page of 50 (listFacilityResidents, from the spec's example) and a single facility (getFacility),
// each as the spec documents it and drifting (a field missing in every item, a wrong type). The
// bodies come from the generated examples, the schemas from generated/lifeloop/operation-schemas.ts.
// Each figure is the median over rounds of (time for a batch of calls) / calls, warm (the first
// call dereferences the schemas once, timed on its own): wall-clock time, and the process's CPU
// time (process.cpuUsage), which a busy machine inflates far less than the wall clock. The budget
// verdict is on the CPU time; the load average is printed beside it.
//
// Budget (issue 23): a page of 50 ≤ 0.2 ms median, a single object ≤ 20 µs.
//   npx tsx bench/response-validation.bench.ts [--rounds 200] [--batch 100]
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { examples } from "../generated/lifeloop/examples.ts";
import * as schemas from "../generated/lifeloop/operation-schemas.ts";
import { driftCheck } from "../src/runtime/response-validation.ts";
import { fmtUs, median, table } from "./lib.ts";

const { values } = parseArgs({ options: { rounds: { type: "string" }, batch: { type: "string" } } });
const rounds = Number(values.rounds ?? 200);
const batch = Number(values.batch ?? 100);

type Item = Record<string, unknown>;
const pageExample = examples.operations.listFacilityResidents!["200"]!.body as { data: Item[] };
const facility = examples.operations.getFacility!["200"]!.body as { data: Item };
const page = {
  ...pageExample,
  pageSize: 50,
  data: Array.from({ length: 50 }, (_, i): Item => ({ ...pageExample.data[i % 2], id: `res-${i}` })),
};
const driftingPage = { ...page, data: page.data.map(({ status: _status, ...rest }) => rest) };
const { timezone: _, ...noTimezone } = facility.data;
const driftingFacility = { data: { ...noTimezone, name: 42 } };

const ok = new Response(null, { status: 200 });
const cases = [
  {
    name: "residents page of 50 (listFacilityResidents)",
    path: "/facilities/{facilityId}/residents",
    body: page,
    budgetUs: 200,
  },
  {
    name: "residents page of 50, `status` missing in each",
    path: "/facilities/{facilityId}/residents",
    body: driftingPage,
    budgetUs: 200,
  },
  { name: "single facility (getFacility)", path: "/facilities/{facilityId}", body: facility, budgetUs: 20 },
  {
    name: "single facility, `timezone` missing, numeric `name`",
    path: "/facilities/{facilityId}",
    body: driftingFacility,
    budgetUs: 20,
  },
];

const check = driftCheck("lifeloop", schemas, () => {});
let started = performance.now();
check("report", "GET", cases[0]!.path, { data: page, response: ok });
const firstMs = performance.now() - started;

const rows: (string | number)[][] = [];
let met = true;
for (const c of cases) {
  const answer = { data: c.body, response: ok };
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const cpuStart = process.cpuUsage();
    started = performance.now();
    for (let i = 0; i < batch; i++) check("report", "GET", c.path, answer);
    wall.push((performance.now() - started) / batch);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000 / batch);
  }
  const m = median(cpu);
  const verdict = m * 1000 <= c.budgetUs ? "met" : "**missed**";
  if (verdict !== "met") met = false;
  rows.push([c.name, fmtUs(median(wall)), fmtUs(m), `≤ ${c.budgetUs} µs: ${verdict}`]);
}
console.log(
  `node ${process.version}, ${rounds} rounds of ${batch} calls, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; first call (dereferences the schemas): ${fmtUs(firstMs)}`,
);
console.log(table(["answer", "median wall time", "median CPU time", "budget (CPU time)"], rows));
console.log(`\nBudgets: ${met ? "met" : "**missed**"}`);
