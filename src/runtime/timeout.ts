/**
 * Timeouts and cancellation. Each attempt gets its own timer (default 60 s); the caller's
 * AbortSignal (the `signal` request option) cancels the attempt and any wait between attempts.
 * A fired timer is an `APITimeoutError`, a caller abort an `APIUserAbortError`, anything else
 * thrown by fetch an `APIConnectionError`.
 *
 * The timer and the caller's signal also cover reading the response body: for a call made through
 * `createApiClient` they stay armed until the call settles (openapi-fetch has read the body), and
 * either aborts the attempt with its error as the reason, which is what a pending body read rejects
 * with. With `parseAs: "stream"` the call settles at the headers: the body is the caller's to read
 * and cancel.
 */
import { type APIError, APIConnectionError, APITimeoutError, APIUserAbortError } from "./errors.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;

export type FetchFn = (request: Request) => Promise<Response>;

/** The APIUserAbortError for a caller's signal. */
const aborted = (signal?: AbortSignal | null) => new APIUserAbortError({ cause: signal?.reason });

/** setTimeout, with the delay capped at 2^31-1 ms: beyond that Node and browsers fire at once. */
export const setTimer = (fn: () => void, ms: number) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1));

/**
 * Send one attempt under a timeout: `send` gets the attempt's signal (from `controller`, default a
 * new one) and builds the attempt from it. One timer per attempt; the caller's signal, if any, is
 * watched with one listener; which of the two fired decides the error. With `race`, the attempt
 * also settles when the timer fires even if `send` ignores its signal (an injected fetch may).
 * A response leaves the timer and listener armed (for the body read) and `keep.done` disarms them;
 * an attempt that throws disarms them at once.
 */
export async function fetchWithTimeout(
  send: (signal: AbortSignal) => Promise<Response>,
  timeoutMs: number,
  user: AbortSignal | null | undefined,
  controller = new AbortController(),
  race: boolean,
  keep: { done?: () => void },
): Promise<Response> {
  if (user?.aborted) throw aborted(user);
  let fail: ((e: unknown) => void) | undefined;
  const abort = (e: APIError) => {
    controller.abort(e);
    fail?.(e);
  };
  const onAbort = () => abort(aborted(user));
  user?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimer(() => abort(new APITimeoutError(timeoutMs)), timeoutMs);
  const done = () => {
    clearTimeout(timer);
    user?.removeEventListener("abort", onAbort);
  };
  try {
    const attempt = send(controller.signal);
    const response = await (race
      ? Promise.race([attempt, new Promise<never>((_, reject) => (fail = reject))])
      : attempt);
    keep.done = done;
    return response;
  } catch (e) {
    // Aborted (only this function aborts the controller): the reason is the timeout or user abort.
    throw controller.signal.reason ?? new APIConnectionError(undefined, { cause: e });
  } finally {
    if (keep.done !== done) done();
  }
}

/** Wait `ms`, rejecting with APIUserAbortError if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(signal));
    };
    const timer = setTimer(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
