// TypeScript types for one bundled spec, through openapi-typescript's Node API (one process for
// all APIs is several times cheaper than one CLI process each). openapi-typescript loads the
// TypeScript compiler, so it is imported only when some spec's types have to be made again.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { tsHeader } from "./header.ts";
import { reusable, sha256, stamped, type Previous } from "./reuse.ts";
import { typesInput } from "./types-input.ts";

// Everything that shapes the output: openapi-typescript, the packages it resolves (the TypeScript
// printer and its own openapi-core), this module and the rewrite of its input.
const requireHere = createRequire(import.meta.url);
const generatorPackage = requireHere.resolve("openapi-typescript/package.json");
const requireFromGenerator = createRequire(generatorPackage);
const generator = [
  generatorPackage,
  requireFromGenerator.resolve("typescript/package.json"),
  requireFromGenerator.resolve("@redocly/openapi-core/package.json"),
]
  .map((file) => readFileSync(file, "utf8"))
  .concat(
    ["./spec-types.ts", "./types-input.ts"]
      .map((file) => new URL(file, import.meta.url))
      .map((url) => readFileSync(url, "utf8")),
  )
  .join("\n");

export async function specTypes(
  doc: OpenApiDocument,
  api: { root: string; generatedDir: string },
  previous: Previous,
): Promise<string> {
  const path = `${api.generatedDir}/schema.ts`;
  const inputs = sha256(generator, tsHeader(api), JSON.stringify(doc));
  const old = reusable(previous, path, inputs);
  if (old !== undefined) return old;
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  // The bundle is already linted; typesInput works on a copy, so openapi-typescript cannot mutate it.
  // defaultNonNullable off: a field with a default is still optional in a request body.
  // emptyObjectsUnknown on: `type: object` with no properties accepts any keys in JSON Schema
  // (Loops' `mailingLists`, `dataVariables`), not none, which is openapi-typescript's default.
  const ast = await openapiTS(typesInput(doc) as never, {
    silent: true,
    defaultNonNullable: false,
    emptyObjectsUnknown: true,
  });
  const body = astToString(ast).replace(/^\/\*\*[\s\S]*?\*\/\s*/, "");
  return stamped(tsHeader(api), ["// ", ""], inputs, "\n" + body);
}
