// What the clients cost a consumer's type check: `tsc --noEmit` (strict, skipLibCheck: false) of a
// small app that imports every client from the packed tarball and makes one typed call each (each
// API's quick start from the docs), minus the same app without the package; and one app per client
// alone. Runs interleaved, medians of each and of the paired differences, of the whole `tsc` run and
// of the check time it reports (`--extendedDiagnostics`: the type checker alone, without start-up,
// parsing and binding).
//   npx tsx bench/typecheck-cost.bench.ts [--runs 9]
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { loadApis } from "../scripts/lib/apis.ts";
import { codeSamples, quickStart } from "../scripts/lib/code-samples.ts";
import { readBundledSpec } from "../tests/support/generated-specs.ts";
import { installConsumer, pack } from "../tests/package/consumer.ts";
import { fmt, median, table } from "./lib.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const runs = Number(values.runs);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const ts = createRequire(import.meta.url)("typescript/package.json").version as string;

const tarball = pack();
const app = installConsumer(tarball.file);
// Each API's quick start (the docs' first sample), its body wrapped in a function of its own.
const samples = loadApis().map((api) => {
  const lines = quickStart(codeSamples(readBundledSpec(api) as never, api)).source.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import ") && l.trim() !== "");
  return {
    api: api.name,
    imports,
    fn: [`export async function ${api.name.replace(/\W/g, "_")}(): Promise<void> {`, ...body.map((l) => `  ${l}`), "}"],
  };
});
// "with": all the clients; "with-<api>": one client alone (Loops' 64 operations weigh the most).
const apps = [
  { name: "with", label: `imports the ${samples.length} clients, one call each`, samples },
  ...samples.map((s) => ({ name: `with-${s.api}`, label: `imports only ${s.api}, one call`, samples: [s] })),
];
for (const { name, samples: used } of apps)
  writeFileSync(
    join(app, `${name}.ts`),
    [...used.flatMap((s) => s.imports), ...used.flatMap((s) => s.fn)].join("\n") + "\n",
  );
writeFileSync(
  join(app, "without.ts"),
  "export async function main(): Promise<unknown[]> {\n  const out: unknown[] = [];\n  out.push(await Promise.resolve(1));\n  return out;\n}\n",
);
for (const name of [...apps.map((a) => a.name), "without"]) {
  const compilerOptions = {
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: ["node"], // the samples read credentials from process.env; both apps load the same types
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: [`${name}.ts`] }));
}

/** One `tsc -p`: its wall time, and the check time it reports. */
function tscRun(project: string): { total: number; check: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [tsc, "-p", project, "--extendedDiagnostics"], {
    cwd: app,
    encoding: "utf8",
  });
  const total = performance.now() - started;
  if (result.status !== 0) throw new Error(`tsc -p ${project} failed:\n${result.stdout}${result.stderr}`);
  const check = /^Check time:\s+([\d.]+)s$/m.exec(result.stdout)?.[1];
  if (check === undefined) throw new Error(`tsc -p ${project} printed no check time:\n${result.stdout}`);
  return { total, check: Number(check) * 1000 };
}

const names = [...apps.map((a) => a.name), "without"];
const series = () => new Map<string, number[]>(names.map((n) => [n, []]));
const times = { total: series(), check: series() };
const deltas = { total: series(), check: series() };
for (let i = 0; i < runs; i++) {
  const without = tscRun("tsconfig.without.json");
  for (const kind of ["total", "check"] as const) times[kind].get("without")!.push(without[kind]);
  for (const { name } of apps) {
    const t = tscRun(`tsconfig.${name}.json`);
    for (const kind of ["total", "check"] as const) {
      times[kind].get(name)!.push(t[kind]);
      deltas[kind].get(name)!.push(t[kind] - without[kind]);
    }
  }
}
rmSync(app, { recursive: true, force: true });
rmSync(dirname(tarball.file), { recursive: true, force: true });

console.log(
  `TypeScript ${ts}, node ${process.version}, ${runs} interleaved runs, tarball ${(tarball.size / 1024).toFixed(1)} KB`,
);
const row = (label: string, xs: number[]): [string, string, string] => [label, fmt(median(xs)), xs.map(fmt).join(", ")];
for (const kind of ["total", "check"] as const) {
  console.log(`\n${kind === "total" ? "Whole tsc run (wall time)" : "Check time (tsc --extendedDiagnostics)"}`);
  console.log(
    table(
      ["app", `median ${kind}`, "runs"],
      [
        ...apps.map((a) => row(a.label, times[kind].get(a.name)!)),
        row("same app without the package", times[kind].get("without")!),
        ...apps.map((a) => {
          const [label, med, all] = row(
            `added by the package: ${a.label.replace("imports ", "")} (paired)`,
            deltas[kind].get(a.name)!,
          );
          return a.name === "with" ? [`**${label}**`, `**${med}**`, all] : [label, med, all];
        }),
      ],
    ),
  );
}
const added = median(deltas.total.get("with")!);
const checked = median(deltas.check.get("with")!);
console.log(`\ntarget ≤ 1 s added in all (issue 10): ${added <= 1000 ? "met" : "**missed**"}, ${fmt(added)}`);
console.log(`target ≤ 0.5 s check time added (issue 20): ${checked <= 500 ? "met" : "**missed**"}, ${fmt(checked)}`);
