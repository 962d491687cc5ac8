/**
 * `createApiClient<Paths>()`: the one factory the per-API clients are built on. It returns
 * openapi-fetch's client (same methods, same `{ data, error, response }` results, `use()` for
 * middleware) with path safety, idempotency keys, credentials, timeouts, a deadline, retries, rate
 * limiting and a response size limit, plus `rateLimit` (the last rate-limit headers seen).
 *
 * One call, top to bottom: `send` checks the call and builds its settings; openapi-fetch builds the
 * Request and runs caller middleware; the `fetch` it is given sets the key and the credential and
 * runs the request loop (request-loop.ts); openapi-fetch runs the response middleware and reads
 * error bodies; `send` parses a success's bytes. The order is told in `src/runtime/README.md`.
 */
import createClient, {
  createQuerySerializer,
  type Middleware,
  type ParseAs,
  type QuerySerializer,
  type QuerySerializerOptions,
} from "openapi-fetch";
import type { Auth } from "./auth.ts";
import type { ExactClient } from "./exact-types.ts";
import { checkBaseUrl } from "./base-url.ts";
import { type HttpMethod, type Operation, operationFacts } from "./operations.ts";
import { numberOption } from "./options.ts";
import { assertSafePathParams } from "./path-safety.ts";
import { type Limiter, limiterOption, type RateLimitInfo, type RateLimitOptions } from "./rate-limit.ts";
import {
  type Call,
  copyResponse,
  type Outcome,
  parseBody,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type FetchFn,
  type LoopOptions,
  requestLoop,
  sendWith,
} from "./request-loop.ts";
import type { DriftCheck, ResponseSchemas } from "./response-validation.ts";
import type { DriftReport, ValidateResponses } from "./response-validation-error.ts";
import { type Backoff, backoffOption, DEFAULT_MAX_RETRIES, isRetryableRequest } from "./retry.ts";

/** What a user may set on a client (each factory adds its credential and base URL options). */
export interface ClientOptions {
  /** The fetch each attempt is sent with (tests inject one; it gets a Request). Default: the global `fetch`. Per request: `{ fetch }`. */
  fetch?: FetchFn;
  /** Retries after the first attempt, for requests that are safe to send twice. Default 2. Per request: `{ maxRetries }`. */
  maxRetries?: number;
  /** Per-attempt timeout, from the rate-limit wait to the end of the body. Default 60 000 ms. Per request: `{ timeoutMs }`. */
  timeoutMs?: number;
  /** Overall deadline of a call: all attempts, the waits between them and the rate-limit queue. Default none. Per request: `{ deadlineMs }`. */
  deadlineMs?: number;
  /** Exponential backoff between retries when the server gives no Retry-After. Default 500 ms doubling to 8 s. */
  backoff?: Partial<Backoff>;
  /** A limiter (shareable by several clients; any object with `wait` and `observe`), the options of a new one, or false for none. */
  rateLimit?: RateLimitOptions | Limiter | false;
  /** Largest response body read, in bytes; a larger one is a ResponseTooLargeError. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Allow a plain `http://` base URL to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** openapi-fetch's query serializer (function or style options), client-wide. Per request: `{ querySerializer }`. */
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Middleware, as with `client.use()`: it sees each call's Request before the key and the credential are set. */
  middleware?: Middleware[];
  /** Check each JSON answer against the spec: `"off"` (default), `"report"` (to `onDrift`) or `"throw"`. Per request: `{ validateResponses }`. */
  validateResponses?: ValidateResponses;
  /** Hears of each answer that differs from the spec; a problem once per client. No body values, no credentials. */
  onDrift?: (report: DriftReport) => void;
}

/** What a factory knows about its API: the credential, and the facts of the generated tables. */
export interface ApiDefinition<Paths> {
  /** The factory, as construction errors name it, e.g. `createLoopsClient`. */
  name: string;
  baseUrl: string;
  auth: Auth;
  /** Operations that take an `Idempotency-Key` header: a key is generated and they may be retried. */
  keyed?: readonly Operation<Paths>[];
  /** Operations whose security asks for no credential: none is sent. */
  unsecured?: readonly Operation<Paths>[];
  /** Operation → base URL, for operations on another server (already checked by the factory). */
  baseUrls?: Readonly<Record<string, string>>;
  /** The API's name in redocly.yaml, and its generated schemas, imported only when a call validates its answer. */
  responseSchemas?: { api: string; load: () => Promise<ResponseSchemas> };
}

/** `Extras`: the generated `RequestBodyExtras` of the API (values its open bodies allow). */
export type ApiClient<Paths extends {}, Extras = {}> = ExactClient<Paths, Extras> & {
  /** The last `x-ratelimit-*` values the server sent (live object, shared with the client's limiter). */
  readonly rateLimit: Readonly<RateLimitInfo>;
};

const KEY_HEADER = "Idempotency-Key";
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** Paths as the runtime sees them: any path and method, with any parameters and body. */
type Params = Record<string, unknown>;
type AnyPaths = Record<
  string,
  Record<
    HttpMethod,
    {
      parameters: { query?: Params; header?: Params; path?: Params; cookie?: Params };
      requestBody?: { content: { [media: string]: unknown } };
    }
  >
>;

/** What a call may pass: openapi-fetch's options, and the runtime's per-request ones. */
type CallInit = {
  validateResponses?: ValidateResponses;
  maxRetries?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  fetch?: FetchFn;
  signal?: AbortSignal | null;
  baseUrl?: string;
  params?: { path?: Params };
  parseAs?: ParseAs;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  [key: string]: unknown;
};

interface Numbers {
  maxRetries: number;
  timeoutMs: number;
  deadlineMs?: number | undefined;
}
/** The numbers of a client's options or of one call's, checked; those not given come from `fallback`. */
const numbers = (given: Partial<Numbers>, fallback: Numbers): Numbers => ({
  maxRetries: numberOption(given.maxRetries, "maxRetries", fallback.maxRetries, 0, true),
  timeoutMs: numberOption(given.timeoutMs, "timeoutMs", fallback.timeoutMs, 1),
  deadlineMs: numberOption(given.deadlineMs, "deadlineMs", fallback.deadlineMs, 1),
});

const VALIDATION_MODES: readonly unknown[] = ["off", "report", "throw"];
function validationMode(value: unknown, fallback: ValidateResponses): ValidateResponses {
  if (value === undefined) return fallback;
  if (!VALIDATION_MODES.includes(value)) throw new TypeError('`validateResponses` must be "off", "report" or "throw".');
  return value as ValidateResponses;
}

/**
 * openapi-fetch's query serializer with parameter names percent-encoded like values (it encodes
 * values only, so a name `a&b=c` would add a parameter). The member names of an object value
 * (`form` explode, `deepObject`) are names too.
 */
function encodingNames(options: QuerySerializerOptions | undefined): QuerySerializer<unknown> {
  const serialize = createQuerySerializer(options);
  const encodeKeys = (value: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(value).map(([k, v]) => [encodeURIComponent(k), v]));
  return (query) => {
    const encoded = encodeKeys(query as Record<string, unknown>);
    for (const [k, v] of Object.entries(encoded))
      if (v && typeof v === "object" && !Array.isArray(v)) encoded[k] = encodeKeys(v as Record<string, unknown>);
    return serialize(encoded);
  };
}

export function createApiClient<Paths extends {}, Extras = {}>(
  options: ClientOptions,
  api: ApiDefinition<Paths>,
): ApiClient<Paths, Extras> {
  const { auth, name } = api;
  if (typeof auth !== "function") throw new TypeError(`${name}: \`auth\` must be a function.`);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  const baseUrl = checkBaseUrl(api.baseUrl, `${name}: \`baseUrl\``, allowInsecureHttp);
  const defaults = numbers(options, { maxRetries: DEFAULT_MAX_RETRIES, timeoutMs: DEFAULT_TIMEOUT_MS });
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    throw new TypeError(`${name}: \`fetch\` must be a function.`);
  const clientSend = sendWith(options.fetch);
  const limiter = limiterOption(options.rateLimit, name);
  const loop: LoopOptions = {
    limiter,
    backoff: backoffOption(options.backoff),
    maxResponseBytes: numberOption(options.maxResponseBytes, "maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES, 0),
  };
  const facts = operationFacts(api);
  const validation = validationMode(options.validateResponses, "off");
  const { onDrift } = options;
  if (onDrift !== undefined && typeof onDrift !== "function")
    throw new TypeError(`${name}: \`onDrift\` must be a function.`);
  // The validators and the schemas are loaded by the first call that validates (their own chunk).
  let driftCheck: Promise<DriftCheck> | undefined;
  const loadDriftCheck = async () => {
    if (!api.responseSchemas) throw new TypeError(`${name}: no response schemas to validate with.`);
    const { api: apiName, load } = api.responseSchemas;
    const [{ driftCheck }, schemas] = await Promise.all([import("./response-validation.ts"), load()]);
    return driftCheck(apiName, schemas, onDrift);
  };
  const query = options.querySerializer;
  const client = createClient<AnyPaths>({
    baseUrl,
    querySerializer: typeof query === "function" ? query : encodingNames(query),
    headers: { Accept: "application/json", ...options.headers },
  });
  // Whether a caller middleware may read a success's Response (an `onResponse` hook): only then
  // does it get a readable copy (a copy costs about a tenth of a loopback call).
  const readsResponses = (m: Middleware[] | undefined) => !!m?.some((x) => typeof x?.onResponse === "function");
  let responseReaders = false;
  const use = (...m: Middleware[]) => {
    responseReaders ||= readsResponses(m);
    client.use(...m);
  };
  if (options.middleware) use(...options.middleware);

  const send = async (method: string, path: string, init: CallInit = {}): Promise<unknown> => {
    // The call's own options stay out of what openapi-fetch gets (it copies unknown keys onto the Request).
    const { validateResponses, maxRetries, timeoutMs, deadlineMs, fetch, signal, parseAs = "json", ...rest } = init;
    const op = facts(method, path);
    assertSafePathParams(path, rest.params?.path);
    const n = numbers(init, defaults);
    const mode = validationMode(validateResponses, validation);
    // Only JSON answers are checked: `parseAs` text, blob, stream… leave the body unparsed.
    const validate = parseAs === "json" ? mode : "off";
    const call: Call = {
      maxRetries: isRetryableRequest(method, op.keyed) ? n.maxRetries : 0,
      timeoutMs: n.timeoutMs,
      deadlineMs: n.deadlineMs,
      deadlineAt: n.deadlineMs === undefined ? Infinity : performance.now() + n.deadlineMs,
      signal,
      send: typeof fetch === "function" ? sendWith(fetch) : clientSend,
      stream: parseAs === "stream",
    };
    const callBaseUrl = rest.baseUrl ? checkBaseUrl(rest.baseUrl, "`baseUrl`", allowInsecureHttp) : op.baseUrl;
    // Per-request style options are merged with the client's (as openapi-fetch merges them).
    const callQuery = rest.querySerializer;
    const querySerializer =
      callQuery && typeof callQuery === "object"
        ? encodingNames({ ...(typeof query === "object" && query), ...callQuery })
        : callQuery;

    // The fetch openapi-fetch calls last, on the Request every middleware has seen: the key, the
    // credential, then every attempt. What the loop got is kept for the parse below: openapi-fetch
    // takes only a Response from a fetch, and parsing a copy of the bytes again would cost a tenth
    // of a loopback call. An error's Response is a copy over the scrubbed bytes (openapi-fetch reads
    // it), and so is a success's when a caller middleware may read it.
    const readable = responseReaders || readsResponses(rest.middleware as Middleware[] | undefined);
    let got: Outcome | undefined;
    const runtimeFetch = async (request: Request): Promise<Response> => {
      if (op.keyed && !request.headers.has(KEY_HEADER)) request.headers.set(KEY_HEADER, crypto.randomUUID());
      if (op.secured) await auth(request.headers);
      const { response, bytes } = await requestLoop(request, call, loop);
      const copy = bytes !== undefined && (readable || !response.ok);
      got = { response: copy ? copyResponse(response, bytes) : response, bytes };
      return got.response;
    };
    // openapi-fetch reads the error bodies (scrubbed copies) and answers without a body; asked for
    // the unread `stream`, it leaves a success's body to the parse below.
    const result = await client.request(method.toLowerCase() as HttpMethod, path, {
      ...rest,
      baseUrl: callBaseUrl,
      querySerializer,
      fetch: runtimeFetch,
      parseAs: "stream",
    });
    const { response } = result;
    let answer: { data?: unknown; error?: unknown; response: Response } = result;
    if (parseAs !== "stream" && response.ok && result.data !== undefined) {
      // The one place a success's data is produced: the bytes the loop read, or those of a Response a
      // middleware put in their place, parsed as `parseAs` asks.
      const bytes = response === got?.response ? got.bytes! : new Uint8Array(await response.arrayBuffer());
      answer = { data: parseBody(bytes, parseAs, response), response };
    }
    if (validate !== "off") (await (driftCheck ??= loadDriftCheck()))(validate, method, path, answer);
    return answer;
  };

  const methods = Object.fromEntries(METHODS.map((m) => [m, (path: string, init?: CallInit) => send(m, path, init)]));
  // The methods are untyped here (every call goes through `send`); their types are exact-types.ts's
  // compile-time view of the generated paths, which no runtime value can be checked against.
  const built: unknown = {
    ...methods,
    request: (method: string, path: string, init?: CallInit) => send(String(method).toUpperCase(), path, init),
    use,
    eject: client.eject,
    rateLimit: limiter.info ?? {},
  };
  return built as ApiClient<Paths, Extras>;
}
