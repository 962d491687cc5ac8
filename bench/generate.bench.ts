// `npm run generate` (one process, Node APIs) against the naive chain (one CLI process per tool
// per API: redocly lint, redocly bundle, openapi-typescript, redocly build-docs), interleaved run
// by run so all see the same machine state; then the contract suite's wall time.
// "warm" reuses the docs pages whose inputs did not change (the usual run); "cold" (--force)
// rebuilds them, like the first run after a spec change.
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

const ours = (...flags: string[]) =>
  timeCommand(bin("tsx"), ["scripts/generate.ts", "--out", out, "--quiet", ...flags]);
const naive = () => {
  let total = 0;
  for (const api of apis) {
    const bundled = join(out, `${api.name}.json`);
    total += timeCommand(bin("redocly"), ["lint", api.alias, "--lint-config=error"]);
    total += timeCommand(bin("redocly"), ["bundle", api.alias, "-o", bundled]);
    // Outside the repo: in it, the openapi-typescript CLI reads redocly.yaml and ignores its argument.
    total += timeCommand(bin("openapi-typescript"), [bundled, "-o", join(out, `${api.name}.ts`)], out);
    total += timeCommand(bin("redocly"), [
      "build-docs",
      api.alias,
      "-o",
      join(out, `${api.name}.html`),
      "--inlineBundle",
    ]);
  }
  return total;
};

const oursRuns: number[] = [];
const coldRuns: number[] = [];
const naiveRuns: number[] = [];
ours(); // warm the file cache once for all
for (let i = 0; i < runs; i++) {
  oursRuns.push(ours());
  coldRuns.push(ours("--force"));
  naiveRuns.push(naive());
}
const contractRuns: number[] = [];
for (let i = 0; i < Math.min(runs, 3); i++) contractRuns.push(timeCommand(bin("vitest"), ["run", "tests/contract"]));
rmSync(out, { recursive: true, force: true });

const [o, k, n, c] = [median(oursRuns), median(coldRuns), median(naiveRuns), median(contractRuns)];
console.log(`APIs: ${apis.map((a) => a.name).join(", ")}; runs: ${runs}; node ${process.version}`);
console.log(`| measure | median | runs |`);
console.log(`|---|---|---|`);
console.log(`| npm run generate, warm (docs unchanged, reused) | ${fmt(o)} | ${oursRuns.map(fmt).join(", ")} |`);
console.log(`| npm run generate -- --force, cold (docs rebuilt) | ${fmt(k)} | ${coldRuns.map(fmt).join(", ")} |`);
console.log(
  `| naive chain (${apis.length * 4} CLI processes, docs included) | ${fmt(n)} | ${naiveRuns.map(fmt).join(", ")} |`,
);
console.log(`| ratio naive / warm | ${(n / o).toFixed(2)}× | |`);
console.log(`| ratio naive / cold | ${(n / k).toFixed(2)}× | |`);
console.log(`| contract suite (vitest run tests/contract) | ${fmt(c)} | ${contractRuns.map(fmt).join(", ")} |`);
