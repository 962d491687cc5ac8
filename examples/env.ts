// Where the examples send their requests. Each API runs against the real service when its
// credentials are in the environment, and otherwise against the local mock that `npm run mock`
// starts (with a dummy key). Only hosts and modes are ever printed, never a key or a token.
//
//   API           live when set                         base URL override (live or mock)
//   Loops         LOOPS_API_KEY                         LOOPS_BASE_URL
//   LifeLoop      LIFELOOP_TOKEN + LIFELOOP_TENANT      LIFELOOP_BASE_URL
//   LoopMessage   LOOPMESSAGE_API_KEY                   LOOPMESSAGE_BASE_URL (every LoopMessage host)
import type { LoopMessageServer } from "loop-api-clients/loopmessage";
import { APIConnectionError } from "loop-api-clients/runtime";

/** The URLs `npm run mock` listens on. */
export const MOCK_URLS = {
  loops: "http://127.0.0.1:4010",
  lifeloop: "http://127.0.0.1:4011",
  loopmessage: "http://127.0.0.1:4012",
} as const;

const read = (name: string): string | undefined => process.env[name]?.trim() || undefined;

export type Mode = "live" | "mock";

interface Target {
  mode: Mode;
  /** undefined: the client's default (the vendor's server). */
  baseUrl: string | undefined;
}

function target(api: keyof typeof MOCK_URLS, live: boolean, urlVar: string): Target {
  const baseUrl = read(urlVar);
  return live ? { mode: "live", baseUrl } : { mode: "mock", baseUrl: baseUrl ?? MOCK_URLS[api] };
}

const loopsKey = read("LOOPS_API_KEY");
export const loops = {
  ...target("loops", loopsKey !== undefined, "LOOPS_BASE_URL"),
  apiKey: loopsKey ?? "mock-loops-key",
};

const lifeloopToken = read("LIFELOOP_TOKEN");
const lifeloopTenant = read("LIFELOOP_TENANT");
if (lifeloopToken && !lifeloopTenant)
  throw new Error("LIFELOOP_TOKEN is set but LIFELOOP_TENANT is not: set both to use the real LifeLoop API.");
export const lifeloop = {
  ...target("lifeloop", lifeloopToken !== undefined, "LIFELOOP_BASE_URL"),
  token: lifeloopToken ?? "mock-lifeloop-token",
  tenant: lifeloopTenant ?? "sunrise-001",
  /** The secret LifeLoop signs webhook deliveries with. */
  webhookSecret: read("LIFELOOP_WEBHOOK_SECRET") ?? "mock-lifeloop-webhook-secret",
};

const loopmessageKey = read("LOOPMESSAGE_API_KEY");
const loopmessageTarget = target("loopmessage", loopmessageKey !== undefined, "LOOPMESSAGE_BASE_URL");
const loopmessageHosts: LoopMessageServer[] = ["https://a.loopmessage.com", "https://t.imsg.link"];
export const loopmessage = {
  mode: loopmessageTarget.mode,
  baseUrl: loopmessageTarget.baseUrl,
  apiKey: loopmessageKey ?? "mock-loopmessage-key",
  /** The client's `servers` option: every LoopMessage host mapped to the one override, if any. */
  servers: loopmessageTarget.baseUrl
    ? Object.fromEntries(loopmessageHosts.map((host) => [host, loopmessageTarget.baseUrl!]))
    : {},
  /** Optional sender name id to send from. */
  sender: read("LOOPMESSAGE_SENDER"),
};

type Api = "loops" | "lifeloop" | "loopmessage";
const used = new Set<Api>();

/** One line per API the example uses, e.g. `loops: mock at http://127.0.0.1:4010`. */
export function describeTargets(...apis: Api[]): string[] {
  const all = { loops, lifeloop, loopmessage };
  return apis.map((api) => {
    used.add(api);
    const { mode, baseUrl } = all[api];
    return `${api}: ${mode} at ${baseUrl ?? "the vendor's server"}`;
  });
}

/** Prints the failure (the clients' errors never hold a key) and sets a non-zero exit code. */
export function fail(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`failed: ${message}`);
  const all = { loops, lifeloop, loopmessage };
  const mocked = [...used].filter((api) => all[api].mode === "mock");
  if (error instanceof APIConnectionError && mocked.length > 0) {
    console.error(`(${mocked.join(", ")} ran against the mocks: is \`npm run mock\` running?)`);
  }
  process.exitCode = 1;
}
