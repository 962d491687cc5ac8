// Live contract mode: the contract cases of tests/contract/<api>/cases.ts sent to the real APIs,
// with every answer validated against the spec. Whatever documented status comes back, its body
// must match that status's schema; an undocumented status, a body that breaks its schema or a 401
// (the credentials were refused) is a problem. Read-only operations (GET, HEAD) only, unless
// LIVE_MUTATIONS=1.
//
// Safety: an API runs only when all its credential variables are set; its client's fetch refuses
// any request without an Authorization header or to a host that is not the API's (its spec
// servers, or the base URL override); a loopback base URL (a mock) is refused unless
// LIVE_ALLOW_LOCAL=1.
import { loadApis } from "../../scripts/lib/apis.ts";
import type { BundledSpec } from "../support/generated-specs.ts";
import { specOperations, type SpecOperation } from "../support/spec-operations.ts";
import { documentedResponse, responseProblems } from "../../src/validation/response-problems.ts";
import { specValidator, type SpecValidator } from "../../src/validation/spec-validator.ts";
import type { CallResult, ContractCase } from "../contract/contract-runner.ts";

export interface LiveEnv {
  /** The cases' `client` credential fields, each read from an environment variable. All required. */
  credentials: Record<string, string>;
  /** Optional: another base URL (a proxy, a staging host) instead of the spec's servers. */
  baseUrl: string;
}

/** Per API in redocly.yaml: where its credentials come from (its `x-client` entry). */
export const LIVE_ENV: Record<string, LiveEnv> = Object.fromEntries(
  loadApis().map((api) => [api.name, { credentials: api.client.credentials, baseUrl: api.client.baseUrlVariable }]),
);

/** Opt-in for operations that change data (POST, PUT, PATCH, DELETE). */
export const MUTATIONS_VAR = "LIVE_MUTATIONS";
/** Opt-in for a loopback base URL (a local proxy); without it a mock URL is refused. */
export const ALLOW_LOCAL_VAR = "LIVE_ALLOW_LOCAL";

export type Env = Record<string, string | undefined>;

export type LiveConfig =
  | { run: true; api: string; credentials: Record<string, string>; baseUrl: string | undefined; mutations: boolean }
  | { run: false; api: string; reason: string };

const value = (env: Env, name: string) => env[name]?.trim() || undefined;
const isOn = (env: Env, name: string) => ["1", "true", "yes"].includes((value(env, name) ?? "").toLowerCase());
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** Whether (and how) to run the live suite of `api`. Throws when the configuration is unsafe or incomplete. */
export function liveConfig(api: string, env: Env = process.env): LiveConfig {
  const entry = LIVE_ENV[api];
  if (!entry)
    throw new Error(
      `${api} is not an API of redocly.yaml (no entry in LIVE_ENV): its x-client entry names its credential variables`,
    );
  const missing = Object.values(entry.credentials).filter((name) => value(env, name) === undefined);
  if (missing.length > 0) {
    return {
      run: false,
      api,
      reason: `live contract tests for ${api} skipped: set ${missing.join(" and ")} to run them`,
    };
  }
  const baseUrl = value(env, entry.baseUrl);
  if (baseUrl !== undefined) {
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
      throw new Error(`${entry.baseUrl} is not an http(s) URL`);
    }
    if (LOOPBACK.test(new URL(baseUrl).hostname) && !isOn(env, ALLOW_LOCAL_VAR)) {
      throw new Error(
        `${entry.baseUrl} points at ${new URL(baseUrl).host}, a local address (a mock?): live mode is for the real API. ` +
          `Unset ${entry.baseUrl}, or set ${ALLOW_LOCAL_VAR}=1 if it is a proxy to the real API.`,
      );
    }
  }
  const credentials = Object.fromEntries(
    Object.entries(entry.credentials).map(([field, name]) => [field, value(env, name)!]),
  );
  return { run: true, api, credentials, baseUrl, mutations: isOn(env, MUTATIONS_VAR) };
}

/** Every API in redocly.yaml with its live configuration (throws for an API without a LIVE_ENV entry). */
export function liveConfigs(env: Env = process.env): LiveConfig[] {
  return loadApis().map((api) => liveConfig(api.name, env));
}

export type LiveOperation = SpecOperation;
export const liveOperations = specOperations;

export const isReadOnly = (method: string) => ["get", "head", "options"].includes(method.toLowerCase());

/** The origins requests may go to: the base URL override's, or every server the spec names. */
export function allowedOrigins(spec: BundledSpec, baseUrl: string | undefined): string[] {
  if (baseUrl !== undefined) return [new URL(baseUrl).origin];
  const urls = new Set<string>();
  const add = (servers: unknown) => {
    for (const s of Array.isArray(servers) ? servers : [])
      if (typeof s?.url === "string" && URL.canParse(s.url)) urls.add(new URL(s.url).origin);
  };
  add(spec.servers);
  for (const item of Object.values<any>(spec.paths ?? {})) {
    add(item?.servers);
    for (const op of Object.values<any>(item ?? {})) add(op?.servers);
  }
  return [...urls];
}

export class LiveGuardError extends Error {
  override name = "LiveGuardError";
}

/**
 * A fetch that refuses, before anything is sent, a request to a host outside `origins`, or without
 * credentials unless `anonymous` says its operation asks for none (the spec's `security: []`).
 */
export function guardedFetch(
  origins: readonly string[],
  inner: typeof globalThis.fetch = globalThis.fetch,
  anonymous: (request: Request) => boolean = () => false,
): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    const origin = new URL(request.url).origin;
    if (!origins.includes(origin)) {
      return Promise.reject(
        new LiveGuardError(
          `live mode: refusing to send ${request.method} to ${origin}, which is not one of ${origins.join(", ")}`,
        ),
      );
    }
    if (!request.headers.get("authorization")?.trim() && !anonymous(request)) {
      return Promise.reject(
        new LiveGuardError(
          `live mode: refusing to send ${request.method} ${new URL(request.url).pathname} without credentials`,
        ),
      );
    }
    return inner(request);
  };
}

/** What tests/contract/<api>/cases.ts exports. */
export interface CasesModule<C = any> {
  client: (baseUrl: string | undefined, fetch?: typeof globalThis.fetch, credentials?: any) => C;
  cases: Record<string, ContractCase<C>>;
}

export function loadCases(api: string): Promise<CasesModule> {
  return import(`../contract/${api}/cases.ts`) as Promise<CasesModule>;
}

/** A client of the API with real credentials, behind the guard. `inner` replaces the network (tests). */
export function liveClient<C>(
  module: CasesModule<C>,
  config: Extract<LiveConfig, { run: true }>,
  spec: BundledSpec,
  inner?: typeof globalThis.fetch,
): C {
  for (const [field, v] of Object.entries(config.credentials)) {
    if (typeof v !== "string" || !v.trim())
      throw new LiveGuardError(`live mode: credential ${field} of ${config.api} is blank`);
  }
  return module.client(
    config.baseUrl,
    guardedFetch(allowedOrigins(spec, config.baseUrl), inner, unsecuredRequest(spec)),
    config.credentials,
  );
}

/** Whether a request is one of the spec's operations that ask for no credential (the client sends none to them). */
function unsecuredRequest(spec: BundledSpec): (request: Request) => boolean {
  const open = specOperations(spec)
    .filter((op) => !op.secured)
    .map((op) => ({
      method: op.method.toUpperCase(),
      path: new RegExp(`${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^{}]+\}/g, "[^/]+")}$`),
    }));
  return (request) => open.some((op) => op.method === request.method && op.path.test(new URL(request.url).pathname));
}

export interface LiveOutcome {
  status: number;
  /** Empty when the answer is what the spec documents. */
  problems: string[];
}

/**
 * The validator of the clients' `validateResponses` (src/validation, over the generated
 * operation-schemas.ts), so that live mode and a client in production judge an answer alike.
 */
export async function liveValidator(api: string): Promise<SpecValidator> {
  const { operationSchemas } = await import(`../../generated/${api}/operation-schemas.ts`);
  return specValidator(operationSchemas);
}

/** Validates one answer as a client's `validateResponses` does: a documented status, a body that matches its schema. */
export function checkAnswer(validator: SpecValidator, op: LiveOperation, result: CallResult): string[] {
  const status = result.response.status;
  const label = `${op.operationId} (${op.method.toUpperCase()} ${op.path}) answered ${status}`;
  if (status === 401 && op.secured) return [`${label}: the credentials were refused`];
  const body = result.response.ok ? result.data : result.error;
  const key = documentedResponse(validator.schemas.operations[op.operationId]!, status);
  return responseProblems(validator, op.operationId, status, body).map((p) =>
    p.rule === "status"
      ? `${label}, which the spec does not document (${p.expected})`
      : `${label}: body breaks the ${key} schema: ${p.pointer || "(body)"} ${p.rule}: ${p.expected} (found: ${p.found})`,
  );
}

/** Sends the operation's contract case through `client` and checks the answer. */
export async function runLiveCase<C>(
  client: C,
  testCase: ContractCase<C>,
  op: LiveOperation,
  validator: SpecValidator,
): Promise<LiveOutcome> {
  const result = await testCase.valid(client, {});
  return { status: result.response.status, problems: checkAnswer(validator, op, result) };
}
