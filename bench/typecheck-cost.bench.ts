// What the clients cost a consumer's type check: `tsc --noEmit` (strict, skipLibCheck: false) of a
// small app that imports every client from the packed tarball and makes one typed call each, minus
// the same app without the package. Runs interleaved, medians of each and of the paired differences.
//   npx tsx bench/typecheck-cost.bench.ts [--runs 9]
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { loadApis } from "../scripts/lib/apis.ts";
import { installConsumer, pack } from "../tests/package/consumer.ts";
import { fmt, median, table, timeCommand } from "./lib.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const runs = Number(values.runs);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const ts = createRequire(import.meta.url)("typescript/package.json").version as string;

const tarball = pack();
const app = installConsumer(tarball.file);
const calls: Record<string, string> = {
  loops: `const loops = createLoopsClient({ apiKey: "k" });\n  out.push((await loops.GET("/v1/contacts/find", { params: { query: { email: "a@b.c" } } })).data);`,
  lifeloop: `const lifeloop = createLifeLoopClient({ token: "t", tenant: "x" });\n  out.push((await lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId: "f" } } })).data);`,
  loopmessage: `const loopmessage = createLoopMessageClient({ apiKey: "k" });\n  out.push((await loopmessage.GET("/api/v1/audience/list/", {})).data);`,
};
const factories: Record<string, string> = {
  loops: "createLoopsClient",
  lifeloop: "createLifeLoopClient",
  loopmessage: "createLoopMessageClient",
};
const apis = loadApis().map((api) => api.name);
for (const api of apis) if (!calls[api]) throw new Error(`bench/typecheck-cost.bench.ts: add a typed call for ${api}`);
writeFileSync(
  join(app, "with.ts"),
  [
    ...apis.map((api) => `import { ${factories[api]} } from "loop-api-clients/${api}";`),
    "export async function main(): Promise<unknown[]> {\n  const out: unknown[] = [];",
    ...apis.map((api) => `  ${calls[api]}`),
    "  return out;\n}",
  ].join("\n"),
);
writeFileSync(
  join(app, "without.ts"),
  "export async function main(): Promise<unknown[]> {\n  const out: unknown[] = [];\n  out.push(await Promise.resolve(1));\n  return out;\n}\n",
);
for (const name of ["with", "without"]) {
  const compilerOptions = {
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: [],
    strict: true,
    skipLibCheck: false,
    noEmit: true,
  };
  writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: [`${name}.ts`] }));
}

const withTimes: number[] = [];
const withoutTimes: number[] = [];
const deltas: number[] = [];
for (let i = 0; i < runs; i++) {
  const a = timeCommand(process.execPath, [tsc, "-p", "tsconfig.with.json"], app);
  const b = timeCommand(process.execPath, [tsc, "-p", "tsconfig.without.json"], app);
  withTimes.push(a);
  withoutTimes.push(b);
  deltas.push(a - b);
}
rmSync(app, { recursive: true, force: true });
rmSync(dirname(tarball.file), { recursive: true, force: true });

console.log(
  `TypeScript ${ts}, node ${process.version}, ${runs} interleaved runs, tarball ${(tarball.size / 1024).toFixed(1)} KB`,
);
console.log(
  table(
    ["app", "median tsc", "runs"],
    [
      ["imports the three clients, one call each", fmt(median(withTimes)), withTimes.map(fmt).join(", ")],
      ["same app without the package", fmt(median(withoutTimes)), withoutTimes.map(fmt).join(", ")],
      ["**added by the package** (paired)", `**${fmt(median(deltas))}**`, deltas.map(fmt).join(", ")],
    ],
  ),
);
console.log(`\ntarget ≤ 1 s added: ${median(deltas) <= 1000 ? "met" : "**missed**"}`);
