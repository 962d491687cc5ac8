// Some LoopMessage pages document a field by showing only the part of a body that carries it (a
// `contact` card, a `port` block, `"sender_type": "shared"`, `read` in a typing request), with
// "..." for the rest. tests/specs/documented-examples.test.ts validates whole bodies, so these
// fragments are checked here, key by key, against the schema of the body they belong in: every key
// must be a property that schema declares (and does not forbid), and its value must validate.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../../scripts/lib/apis.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { SpecValidator } from "../../support/spec-validator.ts";

interface Fragment {
  name: string;
  /** The component schema of the body the fragment is part of. */
  within: string;
  source: string;
  json: Record<string, unknown>;
}

const spec = readBundledSpec(apiByName("loopmessage"));
const validator = new SpecValidator(spec);
const fragments: Fragment[] = JSON.parse(
  readFileSync(join(repoRoot, "tests/fixtures/loopmessage/fragment-examples.json"), "utf8"),
);

describe("loopmessage fragment-examples.json", () => {
  it("is not empty and names the source page of every fragment", () => {
    expect(fragments.length).toBeGreaterThan(0);
    expect(fragments.filter((f) => !/^https:\/\//.test(f.source)).map((f) => f.name)).toEqual([]);
  });

  it.each(fragments.map((f) => [f.name, f] as const))("%s fits the body it belongs in", (_name, fragment) => {
    const properties = spec.components.schemas[fragment.within]?.properties;
    expect(properties, `no schema ${fragment.within} with properties`).toBeDefined();
    const keys = Object.keys(fragment.json);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(properties[key], `${fragment.within} has no property ${key}`).toBeDefined();
      expect(properties[key], `${fragment.within} forbids ${key}`).not.toBe(false);
      const pointer = `/components/schemas/${fragment.within}/properties/${key}`;
      expect(validator.errors(pointer, fragment.json[key]), key).toEqual([]);
    }
  });
});
