// Validates bodies against the schemas of a bundled spec with ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). Response and media-type $refs are followed by hand because ajv only
// resolves $refs inside schemas.
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { BundledSpec } from "./generated-specs.ts";
import { escapeSegment, unescapeSegment } from "../../src/validation/json-pointer.ts";

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly spec: BundledSpec) {
    // strict: false because OpenAPI adds keywords (discriminator, example, xml) that are not JSON Schema.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(spec, "spec");
  }

  /** Walks `segments` from the root, following any `$ref` met on the way; returns the final pointer. */
  resolve(segments: string[]): { pointer: string; node: any } {
    let pointer = "";
    let node: any = this.spec;
    const follow = () => {
      while (node && typeof node.$ref === "string" && node.$ref.startsWith("#/")) {
        pointer = node.$ref.slice(1);
        node = pointer
          .split("/")
          .slice(1)
          .reduce((n: any, s) => n?.[unescapeSegment(s)], this.spec);
      }
    };
    for (const segment of segments) {
      follow();
      node = node?.[segment];
      pointer += `/${escapeSegment(segment)}`;
    }
    follow();
    return { pointer, node };
  }

  /** The JSON schema of a response (status as in the spec), or undefined if it has no JSON body. */
  responseSchemaPointer(path: string, method: string, status: string, root = "paths"): string | undefined {
    return this.jsonSchemaPointer([root, path, method, "responses", status]);
  }

  /** The JSON schema of a request body, or undefined if it has no JSON body. */
  requestSchemaPointer(path: string, method: string, root = "paths"): string | undefined {
    return this.jsonSchemaPointer([root, path, method, "requestBody"]);
  }

  private jsonSchemaPointer(segments: string[]): string | undefined {
    const holder = this.resolve(segments);
    if (!holder.node) throw new Error(`nothing at ${segments.join(" ")}`);
    const content = holder.node.content ?? {};
    const mediaType = Object.keys(content).find((m) => m === "application/json" || m.endsWith("+json"));
    return mediaType ? `${holder.pointer}/content/${escapeSegment(mediaType)}/schema` : undefined;
  }

  validator(pointer: string): ValidateFunction {
    let fn = this.cache.get(pointer);
    if (!fn) {
      fn = this.ajv.getSchema(`spec#${pointer}`);
      if (!fn) throw new Error(`no schema at ${pointer}`);
      this.cache.set(pointer, fn);
    }
    return fn;
  }

  /** Returns readable errors (empty when valid). */
  errors(pointer: string, value: unknown): string[] {
    const fn = this.validator(pointer);
    return fn(value) ? [] : (fn.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message}`);
  }
}

/** Where an operationId (or a webhook's operationId) lives in a bundled spec. */
export function findOperation(
  spec: BundledSpec,
  operationId: string,
): { root: "paths" | "webhooks"; key: string; method: string } | undefined {
  for (const root of ["paths", "webhooks"] as const) {
    for (const [key, item] of Object.entries<any>(spec[root] ?? {})) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (op?.operationId === operationId) return { root, key, method };
      }
    }
  }
  return undefined;
}
