// TypeScript types for one bundled spec, through openapi-typescript's Node API (one process for
// all APIs is several times cheaper than one CLI process each).
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { tsHeader } from "./header.ts";

export async function specTypes(doc: OpenApiDocument, api: { root: string }): Promise<string> {
  // The bundle is already linted; a structuredClone keeps openapi-typescript from mutating it.
  // defaultNonNullable off: a field with a default is still optional in a request body.
  const ast = await openapiTS(structuredClone(doc) as never, { silent: true, defaultNonNullable: false });
  const body = astToString(ast).replace(/^\/\*\*[\s\S]*?\*\/\s*/, "");
  return tsHeader(api) + "\n" + body;
}
