// What the npm page and `npm publish --provenance` need from package.json, and a CHANGELOG that
// names every entry the package ships.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";

const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
const changelog = readFileSync(join(repoRoot, "CHANGELOG.md"), "utf8");

describe("package.json for publishing", () => {
  it("names its repository (a source link on the npm page; provenance needs it), homepage and issues", () => {
    expect(pkg.repository).toEqual({
      type: "git",
      url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/),
    });
    const web = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(pkg.homepage).toBe(`${web}#readme`);
    expect(pkg.bugs).toEqual({ url: `${web}/issues` });
  });

  it("asks for its runtime dependencies as caret ranges, so users' trees dedupe them and take patch fixes", () => {
    const ranges = Object.entries<string>(pkg.dependencies ?? {});
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.filter(([, range]) => !/^\^\d+\.\d+\.\d+$/.test(range))).toEqual([]);
  });
});

describe("CHANGELOG.md", () => {
  it("names every entry the package exports", () => {
    const entries = Object.keys(pkg.exports)
      .filter((entry) => entry !== "." && entry !== "./package.json")
      .map((entry) => `loop-api-clients/${entry.slice(2)}`);
    expect(entries.length).toBeGreaterThan(3);
    expect(entries.filter((entry) => !changelog.includes(entry))).toEqual([]);
  });
});
