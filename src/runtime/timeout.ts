/**
 * Timeouts and cancellation. Each attempt gets its own timer (default 60 s); the caller's
 * AbortSignal (the `signal` request option) cancels the attempt and any wait between attempts.
 * A fired timer is an `APITimeoutError`, a caller abort an `APIUserAbortError`, anything else
 * thrown by fetch an `APIConnectionError`.
 */
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "./errors.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;

export type FetchFn = (request: Request) => Promise<Response>;

/**
 * Send one attempt under a timeout: `send` gets the attempt's signal (from `controller`, default a
 * new one) and builds the attempt from it. One timer per attempt; the caller's signal, if any, is
 * watched with one listener; which of the two fired decides the error. With `race`, the attempt
 * also settles when the timer fires even if `send` ignores its signal (an injected fetch may).
 */
export async function fetchWithTimeout(
  send: (signal: AbortSignal) => Promise<Response>,
  timeoutMs: number,
  user?: AbortSignal | null,
  controller = new AbortController(),
  race?: boolean,
): Promise<Response> {
  if (user?.aborted) throw new APIUserAbortError({ cause: user.reason });
  let timedOut = false;
  let fail: ((e: unknown) => void) | undefined;
  const onAbort = () => {
    controller.abort(user?.reason);
    fail?.(new APIUserAbortError({ cause: user?.reason }));
  };
  user?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("timeout", "TimeoutError"));
    fail?.(new APITimeoutError(timeoutMs));
  }, timeoutMs);
  try {
    const attempt = send(controller.signal);
    return await (race ? Promise.race([attempt, new Promise<never>((_, reject) => (fail = reject))]) : attempt);
  } catch (e) {
    if (e instanceof APIConnectionError || e instanceof APIUserAbortError) throw e;
    if (user?.aborted) throw new APIUserAbortError({ cause: e });
    if (timedOut) throw new APITimeoutError(timeoutMs);
    throw new APIConnectionError(undefined, { cause: e });
  } finally {
    clearTimeout(timer);
    user?.removeEventListener("abort", onAbort);
  }
}

/** Wait `ms`, rejecting with APIUserAbortError if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError({ cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
