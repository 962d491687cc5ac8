// A vendor file is pinned by hash and size in specs/<api>/vendor.lock.json: an accidental edit of
// the vendor's text (rather than of our additions) fails here, and so does a drop-in of a newer
// published file until its lock is updated on purpose.
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

    it("the bundled spec has the pinned version, paths and operations", () => {
      const operations = Object.values<Record<string, { operationId?: string }>>(bundled.paths).flatMap((item) =>
        Object.values(item).filter((op) => typeof op === "object" && op !== null && "responses" in op),
      );
      expect(bundled.info.version).toBe(lock.version);
      expect(Object.keys(bundled.paths)).toHaveLength(lock.paths);
      expect(operations).toHaveLength(lock.operations);
      expect(Object.keys(bundled.components.schemas)).toHaveLength(lock.schemas);
    });
  });
}
