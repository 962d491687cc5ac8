/**
 * `createApiClient<Paths>()`: the one factory the per-API clients are built on. It returns the
 * openapi-fetch client (same methods, same `{ data, error, response }` results, `use()` for more
 * middleware) with auth, path safety, idempotency keys, timeouts, retries and rate limiting
 * installed, plus `rateLimit` (last rate-limit headers seen).
 *
 * Order of work for one call: the base URL is chosen (per-request `baseUrl`, else `route`, else
 * `baseUrl`) → without caller middleware: path safety, then openapi-fetch (a client with no
 * middleware) builds a PendingRequest (see pending-request.ts), then the idempotency key and the
 * credential are set; with caller middleware: openapi-fetch builds a Request, then middleware
 * onRequest (path safety, idempotency, auth, then yours) → transport (rate limit, timeout,
 * retries) → the real fetch → caller middleware onResponse/onError, once, on the final outcome.
 *
 * The timeout and the caller's signal cover the call until openapi-fetch has read the response body.
 *
 * Per-request options (`maxRetries`, `timeoutMs`, `fetch`, `signal`) are read from the call's
 * options and handed to the transport in a closure, never via the Request: a middleware may return
 * a new Request (another URL, other headers) without losing them.
 */
import createClient, {
  type BodySerializer,
  type Client,
  defaultBodySerializer,
  defaultPathSerializer,
  type Middleware,
  type QuerySerializer,
  type QuerySerializerOptions,
} from "openapi-fetch";
import type { Auth } from "./auth.ts";
import { idempotencyKeys, type IdempotencyOptions } from "./idempotency.ts";
import { assertSafePathParams, pathParamCheck } from "./path-safety.ts";
import { PendingRequest } from "./pending-request.ts";
import { type RateLimitInfo, type RateLimitOptions, TokenBucket } from "./rate-limit.ts";
import { type Backoff, DEFAULT_MAX_RETRIES } from "./retry.ts";
import { DEFAULT_TIMEOUT_MS, type FetchFn } from "./timeout.ts";
import { type CallState, createTransport, type RequestOverrides, valid } from "./transport.ts";

export interface ApiClientOptions<Paths> {
  /** API root, e.g. `https://app.loops.so/api/v1`. */
  baseUrl: string;
  /** Sets the credential header; build it with `bearerAuth` / `headerAuth` (they reject blank keys). */
  auth: Auth;
  /** The transport under retries/timeouts (tests inject one). Default `globalThis.fetch`. Per request: `{ fetch }`. */
  fetch?: FetchFn;
  /** Retries after the first attempt. Default 2. Per request: `{ maxRetries }`. */
  maxRetries?: number;
  /** Per-attempt timeout, up to the response body read. Default 60 000 ms. Per request: `{ timeoutMs }`. */
  timeoutMs?: number;
  /** Exponential backoff between retries when the server gives no Retry-After. Default 500 ms doubling to 8 s. */
  backoff?: Partial<Backoff>;
  /** Client-side token bucket; off by default. */
  rateLimit?: RateLimitOptions | false;
  /** Operations that accept an `Idempotency-Key` (one is generated when the caller sends none). */
  idempotency?: IdempotencyOptions<Paths>;
  /**
   * Multi-host APIs: the base URL for an operation (`schemaPath` as in the spec, `method` upper
   * case), or undefined for `baseUrl`. Applied before the Request is built, so nothing is rebuilt
   * later; a per-request `baseUrl` still wins.
   */
  route?: (schemaPath: string, method: string) => string | undefined;
  /** openapi-fetch's query serializer (function or style options), client-wide. Per request: `{ querySerializer }`. */
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  /**
   * Path parameters filled in on every call when the call does not give them (LifeLoop: `tenant`).
   * openapi-fetch only serializes path params when the call passes `params.path`, so calls still
   * pass one (it may omit these keys if the factory's types allow).
   */
  pathParams?: Record<string, string>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Extra middleware, run after the runtime's own onRequest steps. */
  middleware?: Middleware[];
}

export type ApiClient<Paths extends {}> = Client<Paths> & {
  /** The last `x-ratelimit-*` values the server sent (live object). */
  readonly rateLimit: Readonly<RateLimitInfo>;
};

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type CallInit = RequestOverrides & {
  baseUrl?: string;
  bodySerializer?: BodySerializer<unknown>;
  [key: string]: unknown;
};
type CoreRequest = (method: string, path: string, init: Record<string, unknown>) => Promise<unknown>;
/** The per-call fetch handed to `client` carries its call's state (read by the first middleware). */
const CALL = Symbol("call");
type CallFetch = FetchFn & { [CALL]?: CallState };

export function createApiClient<Paths extends {}>(options: ApiClientOptions<Paths>): ApiClient<Paths> {
  const { auth, rateLimit, idempotency, route } = options;
  if (typeof auth !== "function") throw new TypeError("createApiClient: `auth` must be a function.");
  const info: RateLimitInfo = {};
  const transport = createTransport({
    fetch: options.fetch,
    maxRetries: Math.floor(valid(options.maxRetries, 0) ?? DEFAULT_MAX_RETRIES),
    timeoutMs: valid(options.timeoutMs, 1) ?? DEFAULT_TIMEOUT_MS,
    backoff: options.backoff,
    bucket: rateLimit ? new TokenBucket(rateLimit) : undefined,
    waitOnExhausted: rateLimit ? rateLimit.waitOnExhausted : false,
    rateLimit: info,
    idempotencyHeader: idempotency?.header ?? "Idempotency-Key",
  });
  const defaults = options.pathParams;
  if (defaults)
    assertSafePathParams(
      Object.keys(defaults)
        .map((k) => `/{${k}}`)
        .join(""),
      defaults,
    );
  const config = {
    baseUrl: options.baseUrl,
    ...(defaults && {
      pathSerializer: (path: string, params: Record<string, unknown>) =>
        defaultPathSerializer(path, { ...defaults, ...params }),
    }),
    ...(options.querySerializer && { querySerializer: options.querySerializer }),
    headers: { Accept: "application/json", ...options.headers },
  };
  const safety = pathParamCheck(defaults);
  const keys = idempotency && idempotencyKeys(idempotency);
  /** The headers the runtime sets: the idempotency key (keyed operations), then the credential. */
  const sign = (method: string, schemaPath: string, headers: Headers) => {
    keys?.(method, schemaPath, headers);
    return auth(headers);
  };

  // Two openapi-fetch clients over the same config. `direct` serves calls no caller middleware
  // sees: it has no middleware at all (openapi-fetch then skips its middleware loops), builds a
  // PendingRequest, and the runtime's own steps run inline. `client` (the one returned) runs
  // the same steps as its first middleware, then the caller's, on real Requests.
  const direct = createClient<Paths>({ ...config, Request: PendingRequest as unknown as typeof Request });
  const client = createClient<Paths>(config);
  client.use({
    // Record the Request openapi-fetch built (before any middleware can replace it), check path
    // params, set the credential and the idempotency key.
    onRequest({ request, schemaPath, params, options }) {
      (options.fetch as CallFetch)[CALL]!.built = request;
      safety(schemaPath, params);
      const pending = sign(request.method, schemaPath, request.headers);
      return pending ? pending.then(() => undefined) : undefined;
    },
  });
  // `client`'s methods are replaced below: keep the originals.
  const core = client.request as unknown as CoreRequest;
  const fast = direct.request as unknown as CoreRequest;
  // Caller middleware (options, `client.use()`, or a call's `middleware`) switches calls to `client`.
  let caller = false;
  const use = client.use;
  const addMiddleware = (...m: Middleware[]) => {
    caller = true;
    use(...m);
  };
  if (options.middleware) addMiddleware(...options.middleware);

  // Every call goes through `send`: it picks the base URL and hands openapi-fetch a per-call fetch
  // carrying the call's overrides to the transport. For a real Request, the call's controller
  // becomes its signal (the caller's own `signal` is watched by the transport), and the serialized
  // body is kept so that a retry can resend it; a PendingRequest keeps its body itself.
  const send = (method: string, path: string, init: CallInit = {}) => {
    const call: CallState = {};
    const baseUrl = init.baseUrl || route?.(path, method);
    let settled: Promise<unknown>;
    if (caller || (init.middleware as unknown[] | undefined)?.length) {
      const fetch: CallFetch = (request) => transport(request, init, call);
      fetch[CALL] = call;
      // openapi-fetch passes the merged headers as a second argument (its types omit it).
      const serialize = (init.bodySerializer ?? defaultBodySerializer) as (body: unknown, headers?: unknown) => unknown;
      settled = core(method, path, {
        ...init,
        baseUrl,
        fetch,
        signal: (call.controller = new AbortController()).signal,
        bodySerializer: (body: unknown, headers?: unknown) => (call.body = serialize(body, headers)),
      });
    } else {
      try {
        safety(path, init.params as { path?: Record<string, unknown> } | undefined);
      } catch (e) {
        return Promise.reject(e);
      }
      const fetch: FetchFn = (request) => {
        const pending = sign(method, path, request.headers);
        return pending ? pending.then(() => transport(request, init, call)) : transport(request, init, call);
      };
      settled = fast(method, path, { ...init, baseUrl, fetch });
    }
    // The response's timer and abort listener stay armed while openapi-fetch reads the body.
    return settled.finally(() => call.done?.());
  };
  const methods: Record<string, unknown> = {
    use: addMiddleware,
    request: (method: string, path: string, init?: CallInit) => send(method.toUpperCase(), path, init),
  };
  for (const m of METHODS) methods[m] = (path: string, init?: CallInit) => send(m, path, init);
  return Object.assign(client, methods, { rateLimit: info as Readonly<RateLimitInfo> });
}
