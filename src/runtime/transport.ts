/**
 * The fetch under openapi-fetch: rate limit → timeout → retry around the real fetch.
 * It sees the final Request (after the auth, idempotency, path-safety and caller middleware ran),
 * so each attempt is a clone of the same request, with the same headers and idempotency key.
 *
 * Per-request overrides arrive as the second argument, from `createApiClient`'s per-call closure
 * (`client.GET('/x', { maxRetries: 0, timeoutMs: 5_000 })`), not as properties of the Request, so
 * a middleware that returns a new Request cannot drop them. The third argument (the call's state)
 * lets the first attempt send the Request openapi-fetch built without copying it.
 *
 * A `PendingRequest` (a call without caller middleware) is sent as `fetch(url, init)` on every
 * attempt, with its serialized body: the only Request built is the one inside `fetch`.
 */
import { APIUserAbortError } from "./errors.ts";
import { type Backoff, isRetryableRequest, isRetryableResponse, MAX_RETRY_AFTER_MS, retryDelay } from "./retry.ts";
import { exhaustedWait, readRateLimitHeaders, type RateLimitInfo, TokenBucket } from "./rate-limit.ts";
import { PendingRequest } from "./pending-request.ts";
import { fetchWithTimeout, type FetchFn, sleep } from "./timeout.ts";

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
  controller?: AbortController;
  built?: Request;
  body?: unknown;
  /** Disarms the returned attempt's timer and abort listener (they cover the body read); called when the call settles. */
  done?: () => void;
}

export interface TransportOptions {
  /** Injected fetch (gets a Request per attempt). Default: `globalThis.fetch`, called as `fetch(url, init)` for a PendingRequest. */
  fetch?: FetchFn | undefined;
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
  typeof v === "number" && Number.isFinite(v) && v >= min ? v : undefined;

/**
 * Serialized bodies a new Request can be built from again, byte for byte, under the first one's
 * headers. Not a one-shot stream, and not FormData (each extraction picks a new multipart boundary,
 * which would not match the Content-Type already set): those are read once into bytes instead.
 */
const resendable = (b: unknown): b is BodyInit =>
  typeof b === "string" || b instanceof ArrayBuffer || ArrayBuffer.isView(b) || b instanceof URLSearchParams;

/** The fetch of the platform, as it was when this module loaded (it honours its signal). */
const NATIVE_FETCH = globalThis.fetch;

export type Transport = (
  request: Request | PendingRequest,
  overrides: RequestOverrides,
  call: CallState,
) => Promise<Response>;

export function createTransport(o: TransportOptions): Transport {
  return async (request, overrides, call) => {
    const maxRetries = Math.floor(valid(overrides.maxRetries, 0) ?? o.maxRetries);
    const timeoutMs = valid(overrides.timeoutMs, 1) ?? o.timeoutMs;
    const fetchFn = typeof overrides.fetch === "function" ? overrides.fetch : o.fetch;
    // Never null: a null `signal` option falls through to undefined. (A Request's own signal is
    // the call's controller, which only this transport aborts.)
    const user = overrides.signal ?? undefined;
    const pause = (headers?: Headers) => sleep(retryDelay(attempt, headers, Math.random, Date.now(), o.backoff), user);
    const retryable = isRetryableRequest(request.method, request.headers, o.idempotencyHeader);
    const again = retryable && maxRetries > 0;
    // `send` builds an attempt around its signal; `first` is the controller of the first one.
    let send: (signal: AbortSignal) => Promise<Response>;
    let first: AbortController | undefined;
    let attempt = 0;
    if (request instanceof Request) {
      // The first attempt sends the Request openapi-fetch built as is (its signal follows the
      // call's controller); a Request a middleware returned is copied per attempt. A body that may
      // be sent again: the serialized body openapi-fetch built, else the bytes, read once from a
      // clone. Every attempt then sends the same bytes.
      const pristine = call.built === request;
      let body: BodyInit | undefined;
      if (request.body && again)
        body = pristine && resendable(call.body) ? call.body : await request.clone().arrayBuffer();
      if (pristine) first = call.controller;
      send = (signal) =>
        (fetchFn ?? fetch)(
          attempt || !pristine
            ? new Request(!body && request.body ? request.clone() : request, { body, signal })
            : request,
        );
    } else {
      // A PendingRequest: every attempt is `fetch(url, init)` with the serialized body. FormData
      // and streams that may be sent again are read once into bytes (FormData keeps its boundary).
      const { url, init } = request;
      if (init.body != null && again && !resendable(init.body)) {
        const read = new Response(init.body);
        init.body = await read.arrayBuffer();
        const type = read.headers.get("content-type");
        if (type && !request.headers.has("content-type")) request.headers.set("content-type", type);
      }
      send = (signal) => ((init.signal = signal), fetchFn ? fetchFn(new Request(url, init)) : fetch(url, init));
    }
    for (; ; attempt++) {
      const wait =
        (o.bucket?.reserve() ?? 0) + (o.waitOnExhausted ? Math.min(exhaustedWait(o.rateLimit), MAX_RETRY_AFTER_MS) : 0);
      if (wait > 0) await sleep(wait, user);
      const last = attempt >= maxRetries || !retryable;
      let response: Response;
      try {
        // An injected or stubbed fetch may ignore its signal: race it against the timer.
        response = await fetchWithTimeout(
          send,
          timeoutMs,
          user,
          attempt ? undefined : first,
          !!fetchFn || fetch !== NATIVE_FETCH,
          call,
        );
      } catch (error) {
        // Connection errors and timeouts; caller aborts are never retried.
        if (last || error instanceof APIUserAbortError) throw error;
        await pause();
        continue;
      }
      readRateLimitHeaders(o.rateLimit, response.headers);
      if (last || !isRetryableResponse(response)) return response;
      call.done?.();
      void response.body?.cancel().catch(() => {}); // free the connection; do not wait on it
      await pause(response.headers);
    }
  };
}
