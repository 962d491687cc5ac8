/**
 * `createApiClient<Paths>()`: the one factory the per-API clients are built on. It returns the
 * openapi-fetch client (same methods, same `{ data, error, response }` results, `use()` for more
 * middleware) with auth, path safety, idempotency keys, timeouts, retries and rate limiting
 * installed, plus `rateLimit` (last rate-limit headers seen).
 *
 * Order of work for one call: openapi-fetch builds the Request → middleware onRequest (path
 * safety, auth, idempotency, then yours) → transport (rate limit, timeout, retries) → the real
 * fetch → middleware onResponse/onError, once, on the final outcome.
 */
import createClient, { type Client, defaultPathSerializer, type Middleware } from 'openapi-fetch';
import type { Auth } from './auth.ts';
import { idempotencyMiddleware, type IdempotencyOptions } from './idempotency.ts';
import { assertSafePathParams, pathSafety } from './path-safety.ts';
import { type RateLimitInfo, type RateLimitOptions, TokenBucket } from './rate-limit.ts';
import { DEFAULT_MAX_RETRIES } from './retry.ts';
import { DEFAULT_TIMEOUT_MS, type FetchFn } from './timeout.ts';
import { createTransport, valid } from './transport.ts';

export interface ApiClientOptions<Paths> {
  /** API root, e.g. `https://app.loops.so/api/v1`. */
  baseUrl: string;
  /** Sets the credential header; build it with `bearerAuth` / `headerAuth` (they reject blank keys). */
  auth: Auth;
  /** The transport under retries/timeouts (tests inject one). Default `globalThis.fetch`. */
  fetch?: FetchFn;
  /** Retries after the first attempt. Default 2. Per request: `{ maxRetries }`. */
  maxRetries?: number;
  /** Per-attempt timeout. Default 60 000 ms. Per request: `{ timeoutMs }`. */
  timeoutMs?: number;
  /** Client-side token bucket; off by default. */
  rateLimit?: RateLimitOptions | false;
  /** Operations that accept an `Idempotency-Key` (one is generated when the caller sends none). */
  idempotency?: IdempotencyOptions<Paths>;
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

export function createApiClient<Paths extends {}>(options: ApiClientOptions<Paths>): ApiClient<Paths> {
  const { auth, rateLimit, idempotency } = options;
  if (typeof auth !== 'function') throw new TypeError('createApiClient: `auth` must be a function.');
  const info: RateLimitInfo = {};
  const transport = createTransport({
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    maxRetries: Math.floor(valid(options.maxRetries, 0) ?? DEFAULT_MAX_RETRIES),
    timeoutMs: valid(options.timeoutMs, 1) ?? DEFAULT_TIMEOUT_MS,
    bucket: rateLimit ? new TokenBucket(rateLimit) : undefined,
    waitOnExhausted: rateLimit ? rateLimit.waitOnExhausted : false,
    rateLimit: info,
    idempotencyHeader: idempotency?.header ?? 'Idempotency-Key',
  });
  const defaults = options.pathParams;
  if (defaults) assertSafePathParams(Object.keys(defaults).map((k) => `/{${k}}`).join(''), defaults);
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: transport,
    ...(defaults && { pathSerializer: (path, params) => defaultPathSerializer(path, { ...defaults, ...params }) }),
    headers: { Accept: 'application/json', ...options.headers },
  });
  client.use(pathSafety(defaults), { onRequest: async ({ request }) => void (await auth(request.headers)) });
  if (idempotency) client.use(idempotencyMiddleware(idempotency));
  if (options.middleware) client.use(...options.middleware);
  return Object.assign(client, { rateLimit: info as Readonly<RateLimitInfo> });
}
