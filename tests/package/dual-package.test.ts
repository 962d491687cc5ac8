// The dual-package hazard: the ESM and CommonJS builds (and two installed copies) each define their
// own classes. Errors thrown by one are `instanceof` the other's classes (a `Symbol.for` brand), and a
// `RateLimiter` of one is used by the other's clients, never replaced by an unlimited one.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";

let scratch = "";
let findings: {
  distinctClasses: boolean;
  instanceOf: string[];
  wrong: string[];
  limiter: string[];
  typeErrors: string[];
};

beforeAll(() => {
  // Built into a scratch folder (not dist/, which packing rebuilds), then copied: two installs.
  scratch = mkdtempSync(join(tmpdir(), "loop-api-clients-dual-"));
  const a = join(scratch, "a");
  const b = join(scratch, "b");
  execFileSync("npx", ["tsdown", "--out-dir", a], { cwd: repoRoot, stdio: "ignore" });
  cpSync(a, b, { recursive: true });
  const script = join(repoRoot, "tests/package/fixtures/dual-package.mjs");
  findings = JSON.parse(execFileSync(process.execPath, [script, a, b], { encoding: "utf8" }));
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("two builds and two copies of the package in one process", () => {
  it("really are distinct classes (else this test proves nothing)", () => {
    expect(findings.distinctClasses).toBe(true);
  });

  it("an error thrown by any build is instanceof every build's APIError and NotFoundError, and of no other class", () => {
    expect(findings.instanceOf).toHaveLength(16);
    expect(findings.instanceOf.filter((f) => !f.endsWith("true"))).toEqual([]);
    expect(findings.wrong).toEqual([]);
  });

  it("a RateLimiter of any build is the limiter of any build's client", () => {
    expect(findings.limiter).toHaveLength(16);
    expect(findings.limiter.filter((f) => !f.endsWith("true"))).toEqual([]);
  });

  it("`rateLimit: true` is a TypeError in every build", () => {
    expect(findings.typeErrors).toEqual(["A esm: true", "A cjs: true", "B esm: true", "B cjs: true"]);
  });
});
