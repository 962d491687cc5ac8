// Every JSON example the vendors document must validate against our spec: the documented parts are
// the ground truth the spec completes. Two fixtures per API, in tests/fixtures/<api>/, each checked
// when it exists:
//  - seed-examples.json: the examples of the documents the project started from;
//  - vendor-examples.json: the examples of the vendor's public pages, each with its `source` URL.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { findOperation, SpecValidator } from "../support/spec-validator.ts";

interface DocumentedExample {
  name: string;
  /** The operationId (or, for a webhook, its event name with `operationId` beside it). */
  where: string;
  operationId?: string;
  kind: "request" | "response" | "webhook";
  status?: number;
  /** The page the example was taken from (vendor-examples.json: required). */
  source?: string;
  json: unknown;
}

const FIXTURES = [
  { file: "seed-examples.json", sourced: false },
  { file: "vendor-examples.json", sourced: true },
] as const;

it("the APIs that started from seed documents keep their seed examples", () => {
  for (const api of ["loops", "lifeloop", "loopmessage"]) {
    expect(existsSync(join(repoRoot, "tests/fixtures", api, "seed-examples.json")), api).toBe(true);
  }
});

for (const api of loadApis()) {
  const spec = readBundledSpec(api);
  const validator = new SpecValidator(spec);
  for (const { file, sourced } of FIXTURES) {
    const fixture = join(repoRoot, "tests/fixtures", api.name, file);
    if (!existsSync(fixture)) continue;
    describe(`${api.name} ${file}`, () => {
      const raw = JSON.parse(readFileSync(fixture, "utf8"));
      const examples: DocumentedExample[] = Array.isArray(raw) ? raw : raw.examples;

      it("is not empty", () => expect(examples.length).toBeGreaterThan(0));
      if (sourced) {
        it("names the source page of every example", () => {
          expect(examples.filter((e) => !/^https:\/\//.test(e.source ?? "")).map((e) => e.name)).toEqual([]);
        });
      }
      it.each(examples.map((e) => [e.name, e] as const))("%s validates against the spec", (_name, example) => {
        const id = example.operationId ?? example.where;
        const where = findOperation(spec, id);
        expect(where, `no operation ${id}`).toBeDefined();
        const { root, key, method } = where!;
        const pointer =
          example.kind === "response"
            ? validator.responseSchemaPointer(key, method, String(example.status ?? 200), root)
            : validator.requestSchemaPointer(key, method, root);
        expect(pointer, `${example.where} has no JSON schema for this ${example.kind}`).toBeDefined();
        expect(validator.errors(pointer!, example.json)).toEqual([]);
      });
    });
  }
}
