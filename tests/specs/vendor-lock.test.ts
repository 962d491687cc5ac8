// A vendor file is pinned by hash and counts in specs/<api>/vendor.lock.json, which
// `npm run spec:update` writes with it: a hand edit of the vendor file (rather than of our
// additions) fails here, and so does a file dropped in without spec:update.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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

    // The vendor file as it is, without our additions (which add operations, paths and components).
    it("the vendor file has the pinned version, paths, operations, webhooks and schemas", () => {
      const operationsOf = (items: Record<string, Record<string, unknown>> = {}) =>
        Object.values(items).flatMap((item) =>
          Object.values(item).filter((op) => typeof op === "object" && op !== null && "responses" in op),
        );
      const vendor = parse(readFileSync(join(repoRoot, api.root), "utf8"));
      expect(vendor.info.version).toBe(lock.version);
      expect(Object.keys(vendor.paths)).toHaveLength(lock.paths);
      expect(operationsOf(vendor.paths)).toHaveLength(lock.operations);
      expect(operationsOf(vendor.webhooks)).toHaveLength(lock.webhooks);
      expect(Object.keys(vendor.components.schemas)).toHaveLength(lock.schemas);
    });

    it("the bundled spec keeps the vendor's version and has at least its operations", () => {
      expect(bundled.info.version).toBe(lock.version);
      const count = (items: Record<string, Record<string, unknown>> = {}) =>
        Object.values(items).flatMap((item) =>
          Object.values(item).filter((op) => typeof op === "object" && op !== null && "responses" in op),
        ).length;
      expect(count(bundled.paths)).toBeGreaterThanOrEqual(lock.operations);
      expect(count(bundled.webhooks)).toBe(lock.webhooks);
    });

    it("names the published file it was made from, by hash", () => {
      expect(lock.source.published).toEqual(expect.any(String));
      expect(lock.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  });
}
