// Where the examples send their requests. Each API runs against the real service when all its
// credentials are in the environment (the variables its redocly.yaml `x-client` entry names:
// LOOPS_API_KEY; LIFELOOP_TOKEN and LIFELOOP_TENANT; LOOPMESSAGE_API_KEY), and otherwise against
// the local mock that `npm run mock` starts, with dummy credentials. `<API>_BASE_URL` (LOOPS_BASE_URL,
// …) overrides the URL, live or mock. Only hosts and modes are ever printed, never a key or a token.
import { loopMessageServers } from "loop-api-clients/loopmessage";
import { APIConnectionError } from "loop-api-clients/runtime";
import { loadApis } from "../scripts/lib/apis.ts";
import { MOCK_BASE_PORT } from "../scripts/lib/prism-mock.ts";

const apis = loadApis();

/** The URLs `npm run mock` listens on: one port per API, in redocly.yaml order. */
export const MOCK_URLS: Readonly<Record<string, string>> = Object.fromEntries(
  apis.map((api, i) => [api.name, `http://127.0.0.1:${MOCK_BASE_PORT + i}`]),
);

const read = (name: string): string | undefined => process.env[name]?.trim() || undefined;

export type Mode = "live" | "mock";

interface Target {
  mode: Mode;
  /** undefined: the client's default (the vendor's server). */
  baseUrl: string | undefined;
  /** Each credential option of the client: the environment's value when live, a dummy one on the mock. */
  credentials: Record<string, string>;
}

/** Live when every credential variable of the API is set; a partial set is an error, not a silent mock. */
function target(name: string, dummies: Record<string, string>): Target {
  const api = apis.find((a) => a.name === name)!;
  const values = Object.entries(api.client.credentials).map(([option, variable]) => [option, variable, read(variable)]);
  const set = values.filter(([, , value]) => value !== undefined);
  if (set.length > 0 && set.length < values.length) {
    const missing = values.filter(([, , value]) => value === undefined).map(([, variable]) => variable);
    throw new Error(
      `${set.map(([, v]) => v).join(", ")} set but not ${missing.join(", ")}: set all to use the real ${name} API.`,
    );
  }
  const live = set.length === values.length;
  const baseUrl = read(api.client.baseUrlVariable);
  return {
    mode: live ? "live" : "mock",
    baseUrl: live ? baseUrl : (baseUrl ?? MOCK_URLS[name]),
    credentials: Object.fromEntries(values.map(([option, , value]) => [option!, value ?? dummies[option!]!])),
  };
}

const loopsTarget = target("loops", { apiKey: "mock-loops-key" });
export const loops = { mode: loopsTarget.mode, baseUrl: loopsTarget.baseUrl, apiKey: loopsTarget.credentials.apiKey! };

const lifeloopTarget = target("lifeloop", { token: "mock-lifeloop-token", tenant: "sunrise-001" });
export const lifeloop = {
  mode: lifeloopTarget.mode,
  baseUrl: lifeloopTarget.baseUrl,
  token: lifeloopTarget.credentials.token!,
  tenant: lifeloopTarget.credentials.tenant!,
  /** The secret LifeLoop signs webhook deliveries with. */
  webhookSecret: read("LIFELOOP_WEBHOOK_SECRET") ?? "mock-lifeloop-webhook-secret",
};

const loopmessageTarget = target("loopmessage", { apiKey: "mock-loopmessage-key" });
export const loopmessage = {
  mode: loopmessageTarget.mode,
  baseUrl: loopmessageTarget.baseUrl,
  apiKey: loopmessageTarget.credentials.apiKey!,
  /** The client's `servers` option: every LoopMessage host mapped to the one override, if any. */
  servers: loopmessageTarget.baseUrl
    ? Object.fromEntries(loopMessageServers.map((host) => [host, loopmessageTarget.baseUrl!]))
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
