/**
 * The fetch under openapi-fetch: rate limit → timeout → retry around the real fetch.
 * It sees the final Request (after the auth, idempotency, path-safety and caller middleware ran),
 * so each attempt is a clone of the same request, with the same headers and idempotency key.
 *
 * Per-request overrides arrive as the second argument, from `createApiClient`'s per-call closure
 * (`client.GET('/x', { maxRetries: 0, timeoutMs: 5_000 })`), not as properties of the Request, so
 * a middleware that returns a new Request cannot drop them. The third argument (the call's state)
 * lets the first attempt send the Request openapi-fetch built without copying it.
 */
import { APIUserAbortError } from './errors.ts';
import { type Backoff, isRetryableRequest, isRetryableResponse, MAX_RETRY_AFTER_MS, retryDelay } from './retry.ts';
import { exhaustedWait, readRateLimitHeaders, type RateLimitInfo, TokenBucket } from './rate-limit.ts';
import { fetchWithTimeout, type FetchFn, sleep } from './timeout.ts';

/** Options accepted per request, next to openapi-fetch's own (`params`, `body`, `signal`, …). */
export interface RequestOverrides {
  /** Retries after the first attempt (client default: 2). */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds (client default: 60 000). */
  timeoutMs?: number;
  /** The fetch for this call's attempts (under retries and timeout). Default: the client's. */
  fetch?: FetchFn;
  /** The caller's AbortSignal. */
  signal?: AbortSignal | null;
}

/**
 * What `createApiClient` knows about one call: the controller the Request openapi-fetch built
 * follows, that Request itself (recorded by the runtime's first middleware), and its serialized body.
 */
export interface CallState {
  controller: AbortController;
  built?: Request;
  body?: unknown;
}

export interface TransportOptions {
  fetch: FetchFn;
  maxRetries: number;
  timeoutMs: number;
  backoff?: Partial<Backoff> | undefined;
  bucket?: TokenBucket | undefined;
  waitOnExhausted?: boolean | undefined;
  rateLimit: RateLimitInfo;
  idempotencyHeader: string;
}

/** A finite number >= min, else undefined (so a stray NaN can neither loop forever nor fire at once). */
export const valid = (v: unknown, min: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined;

/**
 * Serialized bodies a new Request can be built from again, byte for byte, under the first one's
 * headers. Not a one-shot stream, and not FormData (each extraction picks a new multipart boundary,
 * which would not match the Content-Type already set): those are read from a clone instead.
 */
const resendable = (b: unknown): b is BodyInit =>
  typeof b === 'string' || b instanceof ArrayBuffer || ArrayBuffer.isView(b) || b instanceof URLSearchParams;

export type Transport = (request: Request, overrides?: RequestOverrides, call?: CallState) => Promise<Response>;

export function createTransport(o: TransportOptions): Transport {
  const backoff = o.backoff;
  return async (request, overrides = {}, call) => {
    const maxRetries = Math.floor(valid(overrides.maxRetries, 0) ?? o.maxRetries);
    const timeoutMs = valid(overrides.timeoutMs, 1) ?? o.timeoutMs;
    const fetchFn = typeof overrides.fetch === 'function' ? overrides.fetch : o.fetch;
    const user = overrides.signal ?? (call ? undefined : request.signal);
    const retryable = isRetryableRequest(request.method, request.headers, o.idempotencyHeader);
    // Fast path: the first attempt sends the Request openapi-fetch built as is (its signal follows
    // the call's controller). A middleware that returned another Request gets the general path.
    const pristine = call !== undefined && call.built === request;
    // A body that may be sent again: the serialized body openapi-fetch built, else the bytes, read
    // once from a clone. Every attempt then sends the same bytes with a Content-Length.
    let body: BodyInit | undefined;
    if (request.body && retryable && maxRetries > 0) {
      body = pristine && resendable(call.body) ? call.body : await request.clone().arrayBuffer();
    }
    for (let attempt = 0; ; attempt++) {
      const wait = (o.bucket?.reserve() ?? 0) + (o.waitOnExhausted ? Math.min(exhaustedWait(o.rateLimit), MAX_RETRY_AFTER_MS) : 0);
      if (wait > 0) await sleep(wait, user ?? undefined);
      const last = attempt >= maxRetries || !retryable;
      let response: Response;
      try {
        const reuse = attempt === 0 && pristine;
        response = await fetchWithTimeout(fetchFn, request, timeoutMs, { user, controller: reuse ? call.controller : undefined, body });
      } catch (error) {
        // Connection errors and timeouts; caller aborts are never retried.
        if (last || error instanceof APIUserAbortError) throw error;
        await sleep(retryDelay(attempt, undefined, Math.random, Date.now(), backoff), user ?? undefined);
        continue;
      }
      readRateLimitHeaders(o.rateLimit, response.headers);
      if (last || !isRetryableResponse(response)) return response;
      void response.body?.cancel().catch(() => {}); // free the connection; do not wait on it
      await sleep(retryDelay(attempt, response.headers, Math.random, Date.now(), backoff), user ?? undefined);
    }
  };
}
