// A vendor file is pinned by hash and counts in specs/<api>/vendor.lock.json, which
// `npm run spec:update` writes with it: a hand edit of the vendor file (rather than of our
// additions) fails here, and so does a file dropped in without spec:update.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";

const vendored = loadApis().filter((api) => existsSync(join(repoRoot, "specs", api.name, "vendor.lock.json")));

it("at least the Loops spec is pinned as a vendor file", () => {
  expect(vendored.map((api) => api.name)).toContain("loops");
});

for (const api of vendored) {
  describe(`${api.name} vendor lock`, () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, "specs", api.name, "vendor.lock.json"), "utf8"));
    const bundled = readBundledSpec(api);

    it("the vendor file's hash is the pinned one", () => {
      const sha256 = createHash("sha256")
        .update(readFileSync(join(repoRoot, api.root)))
        .digest("hex");
      expect(sha256).toBe(lock.sha256);
    });

    it("the bundled spec has the pinned version, paths, operations, webhooks and schemas", () => {
      const operationsOf = (items: Record<string, Record<string, unknown>> = {}) =>
        Object.values(items).flatMap((item) =>
          Object.values(item).filter((op) => typeof op === "object" && op !== null && "responses" in op),
        );
      expect(bundled.info.version).toBe(lock.version);
      expect(Object.keys(bundled.paths)).toHaveLength(lock.paths);
      expect(operationsOf(bundled.paths)).toHaveLength(lock.operations);
      expect(operationsOf(bundled.webhooks)).toHaveLength(lock.webhooks);
      expect(Object.keys(bundled.components.schemas)).toHaveLength(lock.schemas);
    });

    it("names the published file it was made from, by hash", () => {
      expect(lock.source.published).toEqual(expect.any(String));
      expect(lock.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });
}
