// Every operation of every bundled spec must have a contract case; prints `api: covered/total`.
import { expect, it } from "vitest";
import { loadApis } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { specOperations } from "../support/spec-operations.ts";

for (const api of loadApis()) {
  it(`${api.name}: every operation has a contract case`, async () => {
    const { cases } = (await import(`./${api.name}/cases.ts`)) as { cases: Record<string, unknown> };
    const ids = specOperations(readBundledSpec(api)).map((op) => op.operationId);
    const covered = ids.filter((id) => id in cases);
    console.log(`${api.name}: ${covered.length}/${ids.length}`);
    expect(
      ids.filter((id) => !(id in cases)),
      "operations without a contract case",
    ).toEqual([]);
    expect(
      Object.keys(cases).filter((id) => !ids.includes(id)),
      "cases for operations the spec no longer has",
    ).toEqual([]);
  });
}
