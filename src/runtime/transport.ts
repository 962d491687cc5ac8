/**
 * The transport: the loop that sends one call's attempts. Each attempt runs under its timeout
 * (bounded by the call's deadline) and the caller's signal: rate limiter → fetch → observe the
 * rate-limit headers → retry decision → read the body. A retried attempt waits the server's
 * Retry-After or the backoff, unless that wait would pass the deadline.
 */
import { APITimeoutError, APIUserAbortError, ResponseTooLargeError } from "./errors.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { copyResponse, limitStream, readBody, scrubbedErrorBody } from "./response-body.ts";
import { type Backoff, isRetryableResponse, retryDelay } from "./retry.ts";
import { fetchWithTimeout, type FetchFn, sleep } from "./timeout.ts";

/** One call's settings, from the client's options and the call's own. */
export interface CallSettings {
  /** Attempts after the first; 0 for a request that is not safe to send twice. */
  maxRetries: number;
  timeoutMs: number;
  /** The call's overall deadline (ms), and the monotonic time it ends at (Infinity: none). */
  deadlineMs?: number | undefined;
  deadlineAt: number;
  /** The caller's signal. */
  signal: AbortSignal | null | undefined;
  /** The fetch to send with (it gets a Request per attempt); undefined: the global `fetch`. */
  fetch: FetchFn | undefined;
  /** The body every attempt sends, when the runtime kept one; else the Request's own (one attempt). */
  body: BodyInit | undefined;
  /** `parseAs: "stream"`: the body is handed over unread, the caller's to read. */
  stream: boolean;
  /** Give openapi-fetch a readable copy of a success, for caller middleware's onResponse (else the Response read). */
  readable: boolean;
  /** Set by the transport: the Response it returned and, for a success, the body it read. */
  response: Response | undefined;
  bytes: Uint8Array<ArrayBuffer> | null | undefined;
}

export interface TransportOptions {
  limiter: RateLimiter;
  backoff: Backoff;
  maxResponseBytes: number;
}

const deadlinePassed = (call: CallSettings) =>
  new APITimeoutError(undefined, `Request deadline of ${call.deadlineMs} ms passed.`);

export function createTransport(o: TransportOptions): (request: Request, call: CallSettings) => Promise<Response> {
  return async (request, call) => {
    const { signal: caller, deadlineAt, fetch: send } = call;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= call.maxRetries;
      const left = deadlineAt - performance.now(); // the deadline is on the monotonic clock
      if (left <= 0) throw deadlinePassed(call);
      /** Whether waiting `delay` ms leaves time before the deadline. */
      const fits = (delay: number) => performance.now() + delay < deadlineAt;
      let delay: number;
      try {
        // The last Response (its body read), or the delay before the next attempt.
        const outcome = await fetchWithTimeout<Response | number>(
          async (signal) => {
            const queued = o.limiter.wait(signal); // undefined when there is room: no await then
            if (queued) await queued;
            // `body: undefined` is no body member at all (WebIDL): the Request's own is sent.
            const init: RequestInit = { signal, body: call.body };
            const response = await (send ? send(new Request(request, init)) : fetch(request, init));
            o.limiter.observe(response.headers);
            if (!last && isRetryableResponse(response)) {
              const delay = retryDelay(attempt, response.headers, o.backoff);
              if (fits(delay)) {
                void response.body?.cancel().catch(() => {}); // frees the connection; not waited on
                return delay;
              }
            }
            if (call.stream) return limitStream(response, o.maxResponseBytes);
            const bytes = await readBody(response, o.maxResponseBytes);
            if (!response.ok) return bytes ? copyResponse(response, scrubbedErrorBody(bytes)) : response;
            call.bytes = bytes;
            return call.readable && bytes ? copyResponse(response, bytes) : response;
          },
          {
            timeoutMs: Math.min(left, call.timeoutMs),
            signal: caller,
            ...(left < call.timeoutMs && { timeoutError: () => deadlinePassed(call) }),
          },
        );
        if (typeof outcome !== "number") return (call.response = outcome);
        delay = outcome;
      } catch (error) {
        // Connection errors and timeouts, also while the body arrived; never a caller abort or a body over the limit.
        if (last || error instanceof APIUserAbortError || error instanceof ResponseTooLargeError) throw error;
        delay = retryDelay(attempt, undefined, o.backoff);
        if (!fits(delay)) throw error;
      }
      await sleep(delay, caller);
    }
  };
}
