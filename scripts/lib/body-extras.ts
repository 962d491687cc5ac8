// The values a JSON request body may give the properties its schema does not name
// (`additionalProperties`), per operation. openapi-typescript must widen such a body's index
// signature to cover the named fields too (Loops' contact properties then take any object, as
// `mailingLists` does); the clients check the other keys against these types instead
// (src/runtime/exact-types.ts). Only schemas that translate simply (scalars, enums, consts, unions
// of those) are listed; any other body keeps openapi-typescript's index signature.
import type { OpenApiDocument } from "./bundle-spec.ts";
import { clientPath, deref, METHODS } from "./operation-table.ts";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
};

const SCALARS: Record<string, string> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  null: "null",
};

/** The TypeScript type of a scalar schema, or undefined when it is anything else. */
function scalarType(doc: OpenApiDocument, node: unknown): string[] | undefined {
  const s = deref<Schema>(doc, node);
  if (!s || typeof s !== "object") return undefined;
  if ("const" in s) return [JSON.stringify(s.const)];
  if (s.enum) return s.enum.map((v) => JSON.stringify(v));
  const members = s.oneOf ?? s.anyOf;
  if (members) {
    const types = members.map((m) => scalarType(doc, m));
    return types.every(Boolean) ? (types.flat() as string[]) : undefined;
  }
  const types = ([] as string[]).concat(s.type ?? []);
  return types.length > 0 && types.every((t) => t in SCALARS) ? types.map((t) => SCALARS[t]!) : undefined;
}

/** The `additionalProperties` schemas of a body's top level, looking through `allOf`. */
function openSchemas(doc: OpenApiDocument, node: unknown, seen = new Set<unknown>()): unknown[] {
  const s = deref<Schema>(doc, node);
  if (!s || typeof s !== "object" || seen.has(s)) return [];
  seen.add(s);
  const own = typeof s.additionalProperties === "object" ? [s.additionalProperties] : [];
  return [...own, ...(s.allOf ?? []).flatMap((m) => openSchemas(doc, m, seen))];
}

/** `METHOD path` (as the client writes it) → the TypeScript type of the extra values, e.g. `string | number`. */
export function bodyExtras(doc: OpenApiDocument, prefix = ""): { method: string; path: string; type: string }[] {
  const out: { method: string; path: string; type: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as { requestBody?: unknown } | undefined;
      const content = deref<{ content?: Record<string, { schema?: unknown }> }>(doc, op?.requestBody)?.content;
      const schema = content?.["application/json"]?.schema;
      const open = openSchemas(doc, schema).map((s) => scalarType(doc, s));
      if (open.length === 0 || !open.every(Boolean)) continue;
      out.push({ method, path: clientPath(path, prefix), type: [...new Set(open.flat() as string[])].join(" | ") });
    }
  }
  return out;
}

/** The `RequestBodyExtras` interface of `generated/<api>/operations.ts`. */
export function bodyExtrasInterface(doc: OpenApiDocument, prefix = ""): string {
  const byPath = new Map<string, string[]>();
  for (const { method, path, type } of bodyExtras(doc, prefix))
    byPath.set(path, [...(byPath.get(path) ?? []), `    ${method}: ${type};`]);
  const members = [...byPath].map(([path, lines]) => `  ${JSON.stringify(path)}: {\n${lines.join("\n")}\n  };`);
  return `/** Path → method → the values the request body's schema allows for properties it does not name. */
export interface RequestBodyExtras {${members.length ? `\n${members.join("\n")}\n` : ""}}`;
}
