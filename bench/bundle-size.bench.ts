// Bundle size of the package's entries: esbuild (bundle, minify, ESM, platform-neutral) then gzip
// (zlib, level 9). Rows: every client entry together (all it exports: factories, paginators, …),
// an app that imports only the factories, each client alone, with openapi-fetch bundled in (what
// an app ships) and with it external (our code only); openapi-fetch alone for scale; each webhook
// receiver (its own entry) on its own. The entries come from the one list of APIs. Code split off
// behind a dynamic import() (response validation: the validators and the generated schemas) is
// what an app loads only when it turns that on: a row counts what its entry loads eagerly, and the
// last row what the factories load lazily.
//   npx tsx bench/bundle-size.bench.ts
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { loadApis, repoRoot } from "../scripts/lib/apis.ts";
import { packageEntries } from "../scripts/lib/package-entries.ts";
import { fmtKB, table } from "./lib.ts";

const TARGET_KB = 8.5;

interface Row {
  name: string;
  /** Module source for esbuild's stdin, resolved from the repo root. */
  contents: string;
}

const entries = packageEntries();
const apis = loadApis();
const clients = apis.map((api) => [api.name, `./${entries[api.name]}`] as const);
const receivers = Object.entries(entries).filter(([name]) => name.endsWith("-webhooks"));

const rows: Row[] = [
  {
    name: `all ${clients.length} clients + runtime`,
    contents: clients.map(([name, path]) => `export * as ${name.replace(/\W/g, "_")} from "${path}";`).join("\n"),
  },
  {
    name: `only the ${clients.length} factories + runtime`,
    contents: apis.map((api) => `export { ${api.client.factory} } from "./${entries[api.name]}";`).join("\n"),
  },
  ...clients.map(([name, path]) => ({ name: `${name} client + runtime`, contents: `export * from "${path}";` })),
  { name: "openapi-fetch alone (for scale)", contents: `export { default } from "openapi-fetch";` },
  ...receivers.map(([name, path]) => ({ name: `${name} (its own entry)`, contents: `export * from "./${path}";` })),
];

async function size(row: Row, externalOpenapiFetch: boolean, lazy = false): Promise<{ min: number; gz: number }> {
  const result = await build({
    stdin: { contents: row.contents, resolveDir: repoRoot, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    external: externalOpenapiFetch ? ["openapi-fetch"] : [],
    splitting: true,
    outdir: "out",
    metafile: true,
    write: false,
    logLevel: "error",
  });
  // The entry's output and the chunks it imports statically, transitively; `lazy`: all the others.
  const outputs = result.metafile!.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]!.entryPoint)!;
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  visit(entry);
  const files = result.outputFiles.filter((f) => f.path.endsWith(".js"));
  const counted = files.filter((f) => eager.has(`out/${f.path.split("/out/")[1]}`) !== lazy);
  const code = Buffer.concat(counted.map((f) => f.contents));
  // Gzipped together, as one file would be: splitting alone does not count as growth.
  return { min: code.byteLength, gz: gzipSync(code, { level: 9 }).byteLength };
}

const out: (string | number)[][] = [];
const gzipped: number[] = []; // each row's gzip size, openapi-fetch included
for (const row of rows) {
  const withDep = await size(row, false);
  const isScale = row.name.startsWith("openapi-fetch");
  const own = isScale ? undefined : await size(row, true);
  gzipped.push(withDep.gz);
  out.push([row.name, fmtKB(withDep.min), fmtKB(withDep.gz), own ? fmtKB(own.min) : "—", own ? fmtKB(own.gz) : "—"]);
}
const [all, factories] = gzipped as [number, number];
const lazy = await size(rows[1]!, false, true);
out.push([`loaded lazily by the factories when validateResponses is on`, fmtKB(lazy.min), fmtKB(lazy.gz), "—", "—"]);

console.log(
  `esbuild ${(await import("esbuild")).version}, minify, ESM, platform neutral, gzip level 9; node ${process.version}`,
);
console.log(
  table(["bundle", "minified", "gzip", "minified, openapi-fetch external", "gzip, openapi-fetch external"], out),
);
const verdict = (bytes: number) =>
  `${fmtKB(bytes)} gzip — target ≤ ${TARGET_KB} KB: ${bytes <= TARGET_KB * 1024 ? "met" : "**missed**"}`;
console.log(`\nAll clients + runtime (openapi-fetch included): ${verdict(all)}`);
console.log(`Only the factories + runtime (an app that imports just them): ${verdict(factories)}`);
