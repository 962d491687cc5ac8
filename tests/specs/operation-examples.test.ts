// Every operation of every API (paths and webhooks) shows what it sends and what comes back: its JSON
// request body and each of its JSON responses carry at least one example, and every such example
// validates against the body's schema (CONTRIBUTING.md, "Every operation has examples"). The mock
// serves these examples and the docs show them, so a missing or wrong one is a defect of the spec.
//
// What counts as an example of a body, in the bundled spec (our additions applied):
//  - on the media type: `example`, or each `examples.<name>.value` (a $ref to components/examples
//    followed);
//  - on the body's schema itself, after following its $ref chain: `example`, or each item of the
//    `examples` array.
// An example deeper down (on a property, an `items`, an `allOf`/`oneOf` member) does not count: it
// shows a part, not the body. Bodies that are not JSON (`text/plain`, a file) and responses without
// content have nothing to check. Each counted example is validated with the same validator as the
// documented examples (tests/support/spec-validator.ts), against the body's schema pointer.
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/lib/apis.ts";
import { METHODS } from "../../scripts/lib/operation-table.ts";
import { readBundledSpec, type BundledSpec } from "../support/generated-specs.ts";
import { SpecValidator } from "../support/spec-validator.ts";
import { unescapeSegment } from "../../src/validation/json-pointer.ts";

interface Body {
  /** `request body` or the response key (`200`, `4XX`, `default`). */
  label: string;
  /** Pointer to the body's schema in the bundled spec. */
  schema: string;
}

interface Operation {
  name: string;
  bodies: Body[];
}

const decode = (pointer: string) => pointer.split("/").slice(1).map(unescapeSegment);

function operations(spec: BundledSpec, validator: SpecValidator): Operation[] {
  const out: Operation[] = [];
  for (const root of ["paths", "webhooks"] as const) {
    for (const [key, item] of Object.entries<any>(spec[root] ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op) continue;
        const bodies: Body[] = [];
        const request = op.requestBody && validator.requestSchemaPointer(key, method, root);
        if (request) bodies.push({ label: "request body", schema: request });
        for (const status of Object.keys(op.responses ?? {})) {
          const response = validator.responseSchemaPointer(key, method, status, root);
          if (response) bodies.push({ label: status, schema: response });
        }
        const where = root === "webhooks" ? `webhook ${key}` : `${method.toUpperCase()} ${key}`;
        out.push({ name: `${op.operationId ?? "(no operationId)"} (${where})`, bodies });
      }
    }
  }
  return out;
}

/** The examples that count for a body, each named by where it sits; `value` is absent when it has none. */
function examplesOf(validator: SpecValidator, body: Body): { where: string; value?: unknown }[] {
  const found: { where: string; value?: unknown }[] = [];
  const mediaTypeAt = decode(body.schema).slice(0, -1);
  const mediaType = validator.resolve(mediaTypeAt).node;
  if (mediaType.example !== undefined) found.push({ where: "media-type example", value: mediaType.example });
  for (const name of Object.keys(mediaType.examples ?? {})) {
    const example = validator.resolve([...mediaTypeAt, "examples", name]).node;
    found.push({ where: `media-type example "${name}"`, value: example?.value });
  }
  const schema = validator.resolve(decode(body.schema)).node;
  if (schema?.example !== undefined) found.push({ where: "schema example", value: schema.example });
  if (schema?.examples !== undefined && !Array.isArray(schema.examples)) {
    found.push({ where: "schema examples (a JSON Schema array, here not one)" });
  }
  if (Array.isArray(schema?.examples)) {
    schema.examples.forEach((value: unknown, i: number) => found.push({ where: `schema examples[${i}]`, value }));
  }
  return found;
}

for (const api of loadApis()) {
  const spec = readBundledSpec(api);
  const validator = new SpecValidator(spec);
  const all = operations(spec, validator);

  describe(`${api.name}: every JSON body has an example that validates`, () => {
    it("has JSON bodies to check", () => {
      expect(all.flatMap((op) => op.bodies).length).toBeGreaterThan(0);
    });

    it.each(all.filter((op) => op.bodies.length > 0).map((op) => [op.name, op] as const))("%s", (_name, op) => {
      const problems: string[] = [];
      for (const body of op.bodies) {
        const examples = examplesOf(validator, body);
        if (examples.length === 0) problems.push(`${body.label}: no example`);
        for (const { where, value } of examples) {
          if (value === undefined) problems.push(`${body.label}: ${where} has no value`);
          else
            for (const error of validator.errors(body.schema, value))
              problems.push(`${body.label}: ${where}: ${error}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });
}
