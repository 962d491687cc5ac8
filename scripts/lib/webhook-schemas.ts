// The JSON schemas a webhook receiver checks deliveries against: for every webhook of the spec, its
// payload schema and the component schemas it reaches, with `#/components/schemas/X` refs turned
// into `#/$defs/X` and annotations (descriptions, examples, x- extensions) left out, since the
// receivers ship these to every runtime and only the constraints matter there.
import type { OpenApiDocument } from "./bundle-spec.ts";
import { escapeSegment, unescapeSegment } from "../../src/validation/json-pointer.ts";
import { tsHeader } from "./header.ts";
import { webhookRows } from "./operation-table.ts";

type Json = unknown;
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "deprecated", "externalDocs", "xml"]);
/** Keywords whose value maps names to schemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const COMPONENT = "#/components/schemas/";

const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `schema` without annotations, its component `$ref`s turned into `#/$defs/X` and the components it reaches added to `defs`. */
export function collect(doc: OpenApiDocument, defs: Record<string, Json>, schema: Json): Json {
  if (Array.isArray(schema)) return schema.map((s) => collect(doc, defs, s));
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-") || key === "discriminator") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT)) {
      const name = value.slice(COMPONENT.length);
      if (!(name in defs)) {
        defs[name] = {}; // placeholder first: a schema may refer to itself
        const components = (doc.components as { schemas?: Record<string, Json> }).schemas ?? {};
        defs[name] = collect(doc, defs, components[unescapeSegment(name)]);
      }
      out.$ref = `#/$defs/${name}`;
    } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, collect(doc, defs, s)]));
    } else if (key === "const" || key === "enum" || key === "default") {
      out[key] = value;
    } else {
      out[key] = collect(doc, defs, value);
    }
  }
  return out;
}

export function webhookSchemasModule(doc: OpenApiDocument, api: { root: string }): string {
  const defs: Record<string, Json> = {};
  const events: Record<string, string> = {};
  for (const row of webhookRows(doc)) {
    const op = (doc.webhooks?.[row.name] as Record<string, Json>)[row.method] as {
      requestBody?: { content?: Record<string, { schema?: Json }> };
    };
    const schema = op.requestBody?.content?.["application/json"]?.schema;
    if (schema === undefined) continue;
    const key = `webhook:${row.name}`;
    defs[key] = collect(doc, defs, schema);
    events[row.event ?? row.name] = `#/$defs/${escapeSegment(key)}`;
  }
  const sorted = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  return `${tsHeader(api)}
/** Payload schemas of the spec's webhooks (constraints only), keyed by event name. */
export const webhookSchemas: { $defs: Record<string, unknown>; events: Record<string, string> } = ${JSON.stringify(
    { $defs: sorted, events },
    null,
    2,
  )};
`;
}
