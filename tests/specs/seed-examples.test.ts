// Every JSON example of the vendor's own documents (copied into tests/fixtures/<api>/) must
// validate against our spec: the documented parts are the ground truth the spec completes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { findOperation, SpecValidator } from "../support/spec-validator.ts";

interface SeedExample {
  name: string;
  /** The operationId (or, for a webhook, its event name with `operationId` beside it). */
  where: string;
  operationId?: string;
  kind: "request" | "response" | "webhook";
  status?: number;
  json: unknown;
}

for (const api of loadApis()) {
  describe(`${api.name} seed examples`, () => {
    const fixture = join(repoRoot, "tests/fixtures", api.name, "seed-examples.json");
    it("has a fixture of the vendor documents' examples", () => {
      expect(existsSync(fixture), fixture).toBe(true);
    });
    if (!existsSync(fixture)) return;
    const raw = JSON.parse(readFileSync(fixture, "utf8"));
    const examples: SeedExample[] = Array.isArray(raw) ? raw : raw.examples;
    const spec = readBundledSpec(api);
    const validator = new SpecValidator(spec);

    it("is not empty", () => expect(examples.length).toBeGreaterThan(0));
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
