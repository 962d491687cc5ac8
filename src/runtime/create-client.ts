/**
 * `createApiClient<Paths>()`: the one factory the per-API clients are built on. It returns the
 * openapi-fetch client (same methods, same `{ data, error, response }` results, `use()` for
 * middleware) with path safety, idempotency keys, credentials, timeouts, a deadline, retries, rate
 * limiting and a response size limit, plus `rateLimit` (the last rate-limit headers seen).
 *
 * One openapi-fetch client, one path for every call; `src/runtime/README.md` tells its order.
 * The runtime's steps run inline: before openapi-fetch (options, path parameters, base URL), and
 * in the `fetch` openapi-fetch calls last (key, credential, transport), after any caller middleware.
 */
import createClient, {
  type BodySerializer,
  type Client,
  defaultBodySerializer,
  type Middleware,
  type ParseAs,
  type QuerySerializer,
  type QuerySerializerOptions,
} from "openapi-fetch";
import type { Auth } from "./auth.ts";
import { checkBaseUrl } from "./base-url.ts";
import { type Operation, operationFacts } from "./operations.ts";
import { assertSafePathParams } from "./path-safety.ts";
import {
  isRateLimiter,
  type RateLimitInfo,
  RateLimiter,
  type RateLimiterLike,
  type RateLimitOptions,
} from "./rate-limit.ts";
import { DEFAULT_MAX_RESPONSE_BYTES, parseBody } from "./response-body.ts";
import { numberOption } from "./options.ts";
import { type Backoff, backoffOption, DEFAULT_MAX_RETRIES, isRetryableRequest } from "./retry.ts";
import { DEFAULT_TIMEOUT_MS, type FetchFn } from "./timeout.ts";
import { type CallSettings, createTransport } from "./transport.ts";

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
  /** A limiter (shareable by several clients: `RateLimiter`, or any object with its `info`, `wait` and `observe`), the options of a new one, or false for none. */
  rateLimit?: RateLimitOptions | RateLimiterLike | false;
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
}

export type ApiClient<Paths extends {}> = Client<Paths> & {
  /** The last `x-ratelimit-*` values the server sent (live object, shared with the client's limiter). */
  readonly rateLimit: Readonly<RateLimitInfo>;
};

const KEY_HEADER = "Idempotency-Key";

type CallInit = {
  maxRetries?: number;
  timeoutMs?: number;
  deadlineMs?: number;
  fetch?: FetchFn;
  signal?: AbortSignal | null;
  baseUrl?: string;
  params?: { path?: Record<string, unknown> };
  body?: unknown;
  bodySerializer?: BodySerializer<unknown>;
  parseAs?: ParseAs;
  middleware?: Middleware[];
  [key: string]: unknown;
};
interface Result {
  data?: unknown;
  response: Response;
}
type CoreRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<Result>;

/**
 * openapi-fetch was asked for the unread body (`parseAs: "stream"`): the data the caller asked for,
 * from the bytes the transport read, or from a Response a middleware put in its place.
 */
function withData(result: Result, parseAs: ParseAs, call: CallSettings): Result | Promise<Result> {
  const { response } = result;
  if (parseAs === "stream" || !response.ok || result.data === undefined) return result; // no body (204, HEAD…)
  const set = (bytes: Uint8Array<ArrayBuffer> | null) => ((result.data = parseBody(bytes, parseAs, response)), result);
  return response === call.response
    ? set(call.bytes ?? null)
    : response.arrayBuffer().then((buffer) => set(new Uint8Array(buffer)));
}

/**
 * Bodies a new Request can be built from again, byte for byte, under the first one's headers. Not a
 * one-shot stream, and not FormData (each use picks a new multipart boundary, which would not match
 * the Content-Type already set): those are read once from a clone instead.
 */
const resendable = (b: unknown): b is BodyInit =>
  typeof b === "string" ||
  b instanceof ArrayBuffer ||
  ArrayBuffer.isView(b) ||
  b instanceof URLSearchParams ||
  b instanceof Blob;

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

export function createApiClient<Paths extends {}>(options: ClientOptions, api: ApiDefinition<Paths>): ApiClient<Paths> {
  const { auth, name } = api;
  if (typeof auth !== "function") throw new TypeError(`${name}: \`auth\` must be a function.`);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  const baseUrl = checkBaseUrl(api.baseUrl, `${name}: \`baseUrl\``, allowInsecureHttp);
  const defaults = numbers(options, { maxRetries: DEFAULT_MAX_RETRIES, timeoutMs: DEFAULT_TIMEOUT_MS });
  const clientFetch = options.fetch;
  if (clientFetch !== undefined && typeof clientFetch !== "function")
    throw new TypeError(`${name}: \`fetch\` must be a function.`);
  const { rateLimit } = options;
  const limiter = isRateLimiter(rateLimit) ? rateLimit : new RateLimiter(rateLimit || undefined);
  const transport = createTransport({
    limiter,
    backoff: backoffOption(options.backoff),
    maxResponseBytes: numberOption(options.maxResponseBytes, "maxResponseBytes", DEFAULT_MAX_RESPONSE_BYTES, 0),
  });
  const facts = operationFacts(api);

  const client = createClient<Paths>({
    baseUrl,
    querySerializer: options.querySerializer,
    headers: { Accept: "application/json", ...options.headers },
  });
  const core = client.request as unknown as CoreRequest;
  // Once caller middleware with onRequest is installed, the Request sent may not be the one
  // openapi-fetch built from the serialized body: a retried body is then read from the Request
  // itself. With onResponse, it gets a readable copy of a success (the runtime read the original).
  let onRequest = false;
  let onResponse = false;
  const hooked = (m: Middleware[] | undefined, hook: "onRequest" | "onResponse") =>
    !!m?.some((x) => typeof x?.[hook] === "function");
  const use = client.use;
  const addMiddleware = (...m: Middleware[]) => {
    onRequest ||= hooked(m, "onRequest");
    onResponse ||= hooked(m, "onResponse");
    use(...m);
  };
  if (options.middleware) addMiddleware(...options.middleware);

  const send = async (method: string, path: string, init: CallInit = {}): Promise<unknown> => {
    // The call's own options stay out of what openapi-fetch gets (it copies unknown keys onto the Request).
    const { maxRetries, timeoutMs, deadlineMs, fetch, signal, ...rest } = init;
    const op = facts(method, path);
    const parseAs = rest.parseAs ?? "json";
    assertSafePathParams(path, rest.params?.path);
    const n = numbers(init, defaults);
    // One literal with every field: built from a spread of `n` instead, the settings cost the
    // request path several per cent on loopback (measured with bench/request-overhead.bench.ts).
    const call: CallSettings = {
      maxRetries: isRetryableRequest(method, op.keyed) ? n.maxRetries : 0,
      timeoutMs: n.timeoutMs,
      deadlineMs: n.deadlineMs,
      deadlineAt: n.deadlineMs === undefined ? Infinity : performance.now() + n.deadlineMs,
      signal,
      fetch: typeof fetch === "function" ? fetch : clientFetch,
      body: undefined,
      stream: parseAs === "stream",
      readable: onResponse || hooked(rest.middleware, "onResponse"),
      response: undefined,
      bytes: undefined,
    };
    rest.baseUrl = rest.baseUrl ? checkBaseUrl(rest.baseUrl, "`baseUrl`", allowInsecureHttp) : op.baseUrl;
    let serialized: unknown;
    if (rest.body !== undefined) {
      // openapi-fetch passes the merged headers as a second argument (its types omit it).
      const serialize = (rest.bodySerializer ?? defaultBodySerializer) as (body: unknown, headers?: unknown) => unknown;
      rest.bodySerializer = (body: unknown, headers?: unknown) => (serialized = serialize(body, headers));
    }
    // The runtime's last steps, on the Request every middleware has seen: key, credential, transport.
    // Plain functions, not async ones: a call waits no extra turns of the microtask queue.
    const runtimeFetch = (request: Request): Promise<Response> => {
      if (op.keyed && !request.headers.has(KEY_HEADER)) request.headers.set(KEY_HEADER, crypto.randomUUID());
      const signing = op.secured && auth(request.headers);
      return signing ? signing.then(() => sendKeptBody(request)) : sendKeptBody(request);
    };
    // Every attempt sends the serialized body openapi-fetch kept (written with a Content-Length,
    // not re-streamed from the Request's body), unless a middleware may have replaced it: then a
    // request that may be retried has its bytes read once from a clone.
    const sendKeptBody = (request: Request): Promise<Response> => {
      if (request.body) {
        if (!(onRequest || hooked(rest.middleware, "onRequest")) && resendable(serialized)) call.body = serialized;
        else if (call.maxRetries)
          return request
            .clone()
            .arrayBuffer()
            .then((bytes) => transport(request, ((call.body = bytes), call)));
      }
      return transport(request, call);
    };
    rest.fetch = runtimeFetch;
    rest.parseAs = "stream"; // the transport reads the body; `withData` parses it
    return withData(await core(method, path, rest), parseAs, call);
  };

  const methods: Record<string, unknown> = {
    use: addMiddleware,
    request: (method: string, path: string, init?: CallInit) => send(String(method).toUpperCase(), path, init),
  };
  // openapi-fetch's HTTP methods are its upper-case keys (GET … TRACE): each leads to `send`.
  for (const m of Object.keys(client))
    if (m === m.toUpperCase()) methods[m] = (path: string, init?: CallInit) => send(m, path, init);
  return Object.assign(client, methods, { rateLimit: limiter.info as Readonly<RateLimitInfo> });
}
