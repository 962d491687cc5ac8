/**
 * The fetch that openapi-fetch is given: rate limit → timeout → retry around the real fetch.
 * It sees the final Request (after the auth, idempotency and path-safety middleware ran), so each
 * attempt is a clone of the same request, with the same headers and idempotency key.
 *
 * Per-request overrides travel on the Request: openapi-fetch copies unknown init keys onto it,
 * so `client.GET('/x', { maxRetries: 0, timeoutMs: 5_000 })` reaches this function.
 */
import { APIUserAbortError } from './errors.ts';
import { isRetryableRequest, isRetryableResponse, MAX_RETRY_AFTER_MS, retryDelay } from './retry.ts';
import { exhaustedWait, readRateLimitHeaders, type RateLimitInfo, TokenBucket } from './rate-limit.ts';
import { fetchWithTimeout, type FetchFn, sleep } from './timeout.ts';

/** Options accepted per request, next to openapi-fetch's own (`params`, `body`, `signal`, …). */
export interface RequestOverrides {
  /** Retries after the first attempt (client default: 2). */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds (client default: 60 000). */
  timeoutMs?: number;
}

export interface TransportOptions {
  fetch: FetchFn;
  maxRetries: number;
  timeoutMs: number;
  bucket?: TokenBucket;
  waitOnExhausted?: boolean;
  rateLimit: RateLimitInfo;
  idempotencyHeader: string;
}

/** A finite number >= min, else undefined (so a stray NaN can neither loop forever nor fire at once). */
export const valid = (v: unknown, min: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= min ? v : undefined;

export function createTransport(o: TransportOptions): FetchFn {
  return async (request) => {
    const overrides = request as Request & RequestOverrides;
    const maxRetries = Math.floor(valid(overrides.maxRetries, 0) ?? o.maxRetries);
    const timeoutMs = valid(overrides.timeoutMs, 1) ?? o.timeoutMs;
    const retryable = isRetryableRequest(request.method, request.headers, o.idempotencyHeader);
    for (let attempt = 0; ; attempt++) {
      const wait = (o.bucket?.reserve() ?? 0) + (o.waitOnExhausted ? Math.min(exhaustedWait(o.rateLimit), MAX_RETRY_AFTER_MS) : 0);
      if (wait > 0) await sleep(wait, request.signal);
      let response: Response;
      try {
        response = await fetchWithTimeout(o.fetch, request, timeoutMs);
      } catch (error) {
        // Connection errors and timeouts; caller aborts are never retried.
        if (error instanceof APIUserAbortError) throw error;
        if (attempt >= maxRetries || !retryable) throw error;
        await sleep(retryDelay(attempt), request.signal);
        continue;
      }
      readRateLimitHeaders(o.rateLimit, response.headers);
      if (attempt >= maxRetries || !retryable || !isRetryableResponse(response)) return response;
      void response.body?.cancel().catch(() => {}); // free the connection; do not wait on it
      await sleep(retryDelay(attempt, response.headers), request.signal);
    }
  };
}
