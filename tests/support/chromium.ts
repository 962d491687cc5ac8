// A Chromium for the browser tests, driven by playwright-core: headless, a fresh profile, and none
// of the background networking a closed network would refuse. No browser is ever downloaded.
// The browser is found, never installed: CHROMIUM_PATH, then the usual places on Linux and macOS.
// Without one the browser tests are skipped with one line on how to enable them, except under
// CI=true, where they run and fail (.ci/run installs Debian's chromium first).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_LOCATIONS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/** CHROMIUM_PATH when set (it must exist), else the first of CHROMIUM_LOCATIONS that exists. */
export function findChromium(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  return CHROMIUM_LOCATIONS.find(exists);
}

export const CHROMIUM = findChromium();

/** Why the browser tests do not run here, and how to run them; undefined when they run. */
export function browserSkipReason(
  chromium: string | undefined,
  env: Record<string, string | undefined>,
): string | undefined {
  if (chromium || env.CI === "true") return undefined;
  return env.CHROMIUM_PATH
    ? `browser tests skipped: CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist`
    : "browser tests skipped: no Chromium found; set CHROMIUM_PATH, or install one (Debian: bash scripts/install-test-packages.sh)";
}

const skipReason = browserSkipReason(CHROMIUM, process.env);
if (skipReason) console.warn(skipReason);
/** True when the browser tests must be skipped (it.skipIf / describe.skipIf). */
export const noBrowser = skipReason !== undefined;

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) {
    throw new Error(
      `no Chromium found (CHROMIUM_PATH, ${CHROMIUM_LOCATIONS.join(", ")}): under CI=true the browser tests ` +
        "must run; `bash scripts/install-test-packages.sh` installs Debian's chromium.",
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
    viewport: { width: 1280, height: 800 },
    timeout: 30_000,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
