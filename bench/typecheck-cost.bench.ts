// What the clients cost a consumer's type check: `tsc --noEmit` (strict, skipLibCheck: false) of a
// small app that imports every client from the packed tarball and makes one typed call each (each
// API's quick start from the docs), minus the same app without the package; and one app per client
// alone. Runs interleaved, medians of each and of the paired differences: of the whole run's wall
// time, and of the type checker's CPU time (what `tsc --extendedDiagnostics` calls check time, after
// parsing and binding), which a busy machine inflates far less than wall time; and the checker's
// type instantiations, which no load changes. Each run is a fresh process doing what `tsc --noEmit`
// does (TypeScript's API: the program, then its diagnostics).
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
const typescript = createRequire(import.meta.url).resolve("typescript");
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

// The child: compile one project as `tsc --noEmit` would, and report its CPU times and instantiations.
const child = `
const ts = require(${JSON.stringify(typescript)});
const config = ts.getParsedCommandLineOfConfigFile(process.argv[1], {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, " ")); } });
const program = ts.createProgram(config.fileNames, config.options);
program.getTypeChecker(); // binds every file
const before = process.cpuUsage();
const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
const check = process.cpuUsage(before);
const all = process.cpuUsage();
console.log(JSON.stringify({ errors, cpu: (all.user + all.system) / 1000, check: (check.user + check.system) / 1000, instantiations: program.getInstantiationCount() }));
`;

interface Run {
  total: number;
  cpu: number;
  check: number;
  instantiations: number;
}
/** One compile of `project`: wall time, CPU time, the checker's CPU time and instantiations. */
function tscRun(project: string): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["-e", child, project], { cwd: app, encoding: "utf8" });
  const total = performance.now() - started;
  if (result.status !== 0) throw new Error(`compiling ${project} failed:\n${result.stdout}${result.stderr}`);
  const { errors, ...run } = JSON.parse(result.stdout) as Omit<Run, "total"> & { errors: string[] };
  if (errors.length > 0) throw new Error(`${project} does not compile:\n${errors.join("\n")}`);
  return { total, ...run };
}

const names = [...apps.map((a) => a.name), "without"];
const series = () => new Map<string, number[]>(names.map((n) => [n, []]));
const KINDS = ["total", "cpu", "check", "instantiations"] as const;
const times = Object.fromEntries(KINDS.map((k) => [k, series()])) as Record<
  (typeof KINDS)[number],
  Map<string, number[]>
>;
const deltas = Object.fromEntries(KINDS.map((k) => [k, series()])) as typeof times;
for (let i = 0; i < runs; i++) {
  const without = tscRun("tsconfig.without.json");
  for (const kind of KINDS) times[kind].get("without")!.push(without[kind]);
  for (const { name } of apps) {
    const t = tscRun(`tsconfig.${name}.json`);
    for (const kind of KINDS) {
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
const TITLES = {
  total: "Whole run, wall time",
  cpu: "Whole run, CPU time",
  check: "Type checker, CPU time (check time)",
  instantiations: "Type instantiations",
};
const show = (kind: (typeof KINDS)[number]) => (n: number) =>
  kind === "instantiations" ? String(Math.round(n)) : fmt(n);
for (const kind of KINDS) {
  const f = show(kind);
  const row = (label: string, xs: number[]): [string, string, string] => [label, f(median(xs)), xs.map(f).join(", ")];
  console.log(`\n${TITLES[kind]}`);
  console.log(
    table(
      ["app", "median", "runs"],
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
