/**
 * Checks values against the schemas of one API's generated `operation-schemas.ts`: request bodies,
 * parameters and responses, by operation id. Built on @cfworker/json-schema, which interprets the
 * schemas rather than compiling them to code, so it runs where `eval`/`new Function` are forbidden
 * (Workers) as well as in Node, Bun, Deno and browsers. The schemas are dereferenced once, on first
 * use. A problem says where (a JSON pointer), which rule and what type was found, never the value.
 */
import { dereference, type OutputUnit, type Schema, validate } from "@cfworker/json-schema";
import { escapeSegment, unescapeSegment } from "./json-pointer.ts";

export interface ParameterRule {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required: boolean;
  /** Key of its schema in `$defs`. */
  schema?: string;
  style?: string;
  explode?: boolean;
}

export interface OperationRule {
  /** Alternatives (any one suffices), each naming the security schemes it needs together; none: no credential. */
  security: string[][];
  parameters: ParameterRule[];
  body?: { required: boolean; mediaTypes: string[]; schema?: string };
  /** Response key (`200`, `4XX`, `default`) → its media type and the `$defs` key of its JSON schema. */
  responses: Record<string, { mediaType?: string; schema?: string }>;
}

export type SecuritySchemeRule = { type: string; scheme?: string; in?: string; name?: string };

/** What `generated/<api>/operation-schemas.ts` holds. */
export interface OperationSchemas {
  securitySchemes: Record<string, SecuritySchemeRule>;
  operations: Record<string, OperationRule>;
  $defs: Record<string, unknown>;
}

/** What `generated/<api>/examples.ts` holds. */
export interface SpecExamples {
  operations: Record<string, Record<string, { body?: unknown; headers?: Record<string, unknown> }>>;
  webhooks: Record<string, unknown>;
}

export interface SchemaProblem {
  /** Where, as a JSON pointer into the checked value (`/contacts/0/email`; `` for the value itself). */
  pointer: string;
  /** The JSON Schema keyword that failed: `required`, `type`, `enum`, `format`, `additionalProperties`… */
  rule: string;
  /** What the rule asks, in words (the schema's constraint; never the checked value). */
  message: string;
  /** The JSON type found at `pointer` (`missing` when there is nothing). */
  found: string;
}

// Keywords that only report that a nested schema failed: the nested failure says more.
const WRAPPERS = new Set([
  "$ref",
  "$dynamicRef",
  "properties",
  "allOf",
  "items",
  "prefixItems",
  "false",
  "dependentSchemas",
]);
// These messages start with the number checked; the problem keeps the rule, not the value.
const NUMERIC = new Set(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]);

export function jsonType(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const segment of pointer.split("/").slice(1)) {
    const key = unescapeSegment(decodeURIComponent(segment));
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function toProblem(value: unknown, unit: OutputUnit): SchemaProblem {
  let pointer = unit.instanceLocation.replace(/^#/, "");
  // A missing property is reported where it should be, not at the object that lacks it.
  const missing = unit.keyword === "required" ? /required property "(.*)"\.$/.exec(unit.error)?.[1] : undefined;
  if (missing !== undefined) pointer += `/${escapeSegment(missing)}`;
  const message = NUMERIC.has(unit.keyword) ? unit.error.replace(/^\S+ is/, "Number is") : unit.error;
  return { pointer, rule: unit.keyword, message, found: jsonType(valueAt(value, pointer)) };
}

export interface SpecValidator {
  readonly schemas: OperationSchemas;
  /** Problems of `value` against the schema `$defs[key]` (empty when it conforms, or there is no such schema). */
  check(key: string | undefined, value: unknown): SchemaProblem[];
}

export function specValidator(schemas: OperationSchemas): SpecValidator {
  const root = { $defs: schemas.$defs } as Schema;
  let lookup: ReturnType<typeof dereference> | undefined;
  return {
    schemas,
    check(key, value) {
      if (key === undefined || !Object.hasOwn(schemas.$defs, key)) return [];
      lookup ??= dereference(root);
      const result = validate(value, schemas.$defs[key] as Schema, "2020-12", lookup, false);
      if (result.valid) return [];
      const problems = result.errors.filter((e) => !WRAPPERS.has(e.keyword)).map((e) => toProblem(value, e));
      return problems.length > 0 ? problems : result.errors.slice(-1).map((e) => toProblem(value, e));
    },
  };
}
