// How the browser tests find a Chromium, and when they are skipped rather than failed.
import { describe, expect, it } from "vitest";
import { browserSkipReason, CHROMIUM_LOCATIONS, findChromium } from "../support/chromium.ts";

const MAC_CHROME = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";

describe("findChromium", () => {
  const cases: { given: string; env: Record<string, string>; files: string[]; want: string | undefined }[] = [
    {
      given: "CHROMIUM_PATH that exists",
      env: { CHROMIUM_PATH: "/opt/c" },
      files: ["/opt/c", "/usr/bin/chromium"],
      want: "/opt/c",
    },
    {
      given: "CHROMIUM_PATH that does not exist",
      env: { CHROMIUM_PATH: "/opt/c" },
      files: ["/usr/bin/chromium"],
      want: undefined,
    },
    { given: "Debian's chromium", env: {}, files: ["/usr/bin/chromium", MAC_CHROME], want: "/usr/bin/chromium" },
    { given: "Chrome on macOS only", env: {}, files: [MAC_CHROME], want: MAC_CHROME },
    { given: "no browser", env: {}, files: [], want: undefined },
  ];
  for (const { given, env, files, want } of cases) {
    it(`${given} → ${want ?? "none"}`, () => {
      expect(findChromium(env, (path) => files.includes(path))).toBe(want);
    });
  }

  it("looks in the usual Linux and macOS places", () => {
    expect(CHROMIUM_LOCATIONS).toEqual(
      expect.arrayContaining(["/usr/bin/chromium", "/usr/bin/google-chrome", MAC_CHROME]),
    );
  });
});

describe("browserSkipReason", () => {
  it("none when a browser is found", () => {
    expect(browserSkipReason("/usr/bin/chromium", {})).toBeUndefined();
  });

  it("none under CI=true without a browser: the browser tests run and fail", () => {
    expect(browserSkipReason(undefined, { CI: "true" })).toBeUndefined();
  });

  it("one line on how to enable them otherwise", () => {
    const reason = browserSkipReason(undefined, {});
    expect(reason).toMatch(/^browser tests skipped: .*CHROMIUM_PATH.*install-test-packages\.sh/);
    expect(reason).not.toContain("\n");
    expect(browserSkipReason(undefined, { CHROMIUM_PATH: "/nope" })).toContain("CHROMIUM_PATH=/nope does not exist");
  });
});
