// Bundle size of the clients: esbuild (bundle, minify, ESM) then gzip (zlib, level 9).
// Rows: all three clients in one bundle, each client alone, with openapi-fetch bundled in (what an
// app ships) and with it external (our code only); openapi-fetch alone for scale; the two webhook
// entry points (separate modules, node:crypto external) on their own.
//   npx tsx bench/bundle-size.bench.ts
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { repoRoot } from "../scripts/lib/apis.ts";
import { fmtKB, table } from "./lib.ts";

const TARGET_KB = 8;

interface Row {
  name: string;
  /** Module source for esbuild's stdin, resolved from the repo root. */
  contents: string;
  platform: "neutral" | "node";
}

const clients = {
  loops: "./src/clients/loops.ts",
  lifeloop: "./src/clients/lifeloop.ts",
  loopmessage: "./src/clients/loopmessage.ts",
};

const rows: Row[] = [
  {
    name: "all three clients + runtime",
    contents: Object.entries(clients)
      .map(([name, path]) => `export * as ${name} from "${path}";`)
      .join("\n"),
    platform: "neutral",
  },
  ...Object.entries(clients).map(([name, path]) => ({
    name: `${name} client + runtime`,
    contents: `export * from "${path}";`,
    platform: "neutral" as const,
  })),
  {
    name: "openapi-fetch alone (for scale)",
    contents: `export { default } from "openapi-fetch";`,
    platform: "neutral",
  },
  {
    name: "lifeloop-webhooks (separate entry)",
    contents: `export * from "./src/clients/lifeloop-webhooks.ts";`,
    platform: "node",
  },
  {
    name: "loopmessage-webhooks (separate entry)",
    contents: `export * from "./src/clients/loopmessage-webhooks.ts";`,
    platform: "node",
  },
];

async function size(row: Row, externalOpenapiFetch: boolean): Promise<{ min: number; gz: number }> {
  const result = await build({
    stdin: { contents: row.contents, resolveDir: repoRoot, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: row.platform,
    target: "es2022",
    mainFields: ["module", "main"],
    external: ["node:*", ...(externalOpenapiFetch ? ["openapi-fetch"] : [])],
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gz: gzipSync(code, { level: 9 }).byteLength };
}

const out: (string | number)[][] = [];
for (const row of rows) {
  const withDep = await size(row, false);
  const isScale = row.name.startsWith("openapi-fetch");
  const own = isScale ? undefined : await size(row, true);
  out.push([row.name, fmtKB(withDep.min), fmtKB(withDep.gz), own ? fmtKB(own.min) : "—", own ? fmtKB(own.gz) : "—"]);
}
const all = await size(rows[0]!, false);

console.log(`esbuild ${(await import("esbuild")).version}, minify, ESM, gzip level 9; node ${process.version}`);
console.log(
  table(["bundle", "minified", "gzip", "minified, openapi-fetch external", "gzip, openapi-fetch external"], out),
);
console.log(
  `\nAll three clients + runtime (openapi-fetch included): ${fmtKB(all.gz)} gzip — target ≤ ${TARGET_KB} KB: ${all.gz <= TARGET_KB * 1024 ? "met" : "**missed**"}`,
);
