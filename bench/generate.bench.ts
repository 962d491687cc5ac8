// `npm run generate` (one process, Node APIs) against the naive chain (one CLI process per tool
// per API: redocly lint, redocly bundle, openapi-typescript), interleaved run by run so both see
// the same machine state; then the contract suite's wall time.
//   npm run bench:generate [-- --runs 5]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadApis } from "../scripts/lib/apis.ts";
import { bin, fmt, median, timeCommand } from "./lib.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const apis = loadApis();
const out = mkdtempSync(join(tmpdir(), "bench-generate-"));

const ours = () => timeCommand(bin("tsx"), ["scripts/generate.ts", "--out", out, "--quiet"]);
const naive = () => {
  let total = 0;
  for (const api of apis) {
    const bundled = join(out, `${api.name}.json`);
    total += timeCommand(bin("redocly"), ["lint", api.alias, "--lint-config=error"]);
    total += timeCommand(bin("redocly"), ["bundle", api.alias, "-o", bundled]);
    total += timeCommand(bin("openapi-typescript"), [bundled, "-o", join(out, `${api.name}.ts`)]);
  }
  return total;
};

const oursRuns: number[] = [];
const naiveRuns: number[] = [];
ours(); // warm the file cache once for both
for (let i = 0; i < runs; i++) {
  oursRuns.push(ours());
  naiveRuns.push(naive());
}
const contractRuns: number[] = [];
for (let i = 0; i < Math.min(runs, 3); i++) contractRuns.push(timeCommand(bin("vitest"), ["run", "tests/contract"]));
rmSync(out, { recursive: true, force: true });

const [o, n, c] = [median(oursRuns), median(naiveRuns), median(contractRuns)];
console.log(`APIs: ${apis.map((a) => a.name).join(", ")}; runs: ${runs}; node ${process.version}`);
console.log(`| measure | median | runs |`);
console.log(`|---|---|---|`);
console.log(`| npm run generate (one process) | ${fmt(o)} | ${oursRuns.map(fmt).join(", ")} |`);
console.log(`| naive chain (${apis.length * 3} CLI processes) | ${fmt(n)} | ${naiveRuns.map(fmt).join(", ")} |`);
console.log(`| ratio naive / ours | ${(n / o).toFixed(2)}× | |`);
console.log(`| contract suite (vitest run tests/contract) | ${fmt(c)} | ${contractRuns.map(fmt).join(", ")} |`);
