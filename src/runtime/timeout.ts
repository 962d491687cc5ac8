/**
 * Timeouts and cancellation. `fetchWithTimeout` runs one attempt (the rate-limit wait, the fetch
 * and the body read) under its own timer and the caller's AbortSignal; `sleep` waits between
 * attempts. A fired timer is an `APITimeoutError`, a caller abort an `APIUserAbortError`, anything
 * else the attempt throws an `APIConnectionError` (an APIError it throws itself passes through).
 */
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError } from "./errors.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;

export type FetchFn = (request: Request) => Promise<Response>;

/** The APIUserAbortError for a caller's signal. */
const aborted = (signal?: AbortSignal | null) => new APIUserAbortError({ cause: signal?.reason });

/** setTimeout, with the delay capped at 2^31-1 ms: beyond that Node and browsers fire at once. */
export const setTimer = (fn: () => void, ms: number) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1));

export interface TimeoutOptions {
  /** Milliseconds before the attempt is aborted. */
  timeoutMs: number;
  /** The error the timer aborts with. Default: `APITimeoutError(timeoutMs)`. */
  timeoutError?: () => APIError;
  /** The caller's signal; it aborts the attempt with an APIUserAbortError. */
  signal?: AbortSignal | null | undefined;
}

/**
 * Runs `attempt` with a signal that aborts when the timer fires or the caller aborts, with the
 * matching error as its reason; one timer and at most one listener, both gone when it settles. It
 * settles then even if `attempt` ignores its signal (an injected fetch may).
 */
export async function fetchWithTimeout<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  { timeoutMs, timeoutError, signal: caller }: TimeoutOptions,
): Promise<T> {
  if (caller?.aborted) throw aborted(caller);
  const controller = new AbortController();
  let fail: (e: unknown) => void;
  const abort = (e: APIError) => {
    controller.abort(e);
    fail(e);
  };
  const onAbort = () => abort(aborted(caller));
  caller?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimer(() => abort(timeoutError?.() ?? new APITimeoutError(timeoutMs)), timeoutMs);
  try {
    return await Promise.race([attempt(controller.signal), new Promise<never>((_, reject) => (fail = reject))]);
  } catch (e) {
    // Aborted (only this function aborts the controller): the reason is the timeout or the caller's abort.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw e instanceof APIError ? e : new APIConnectionError(undefined, { cause: e });
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener("abort", onAbort);
  }
}

/** Wait `ms`, rejecting with APIUserAbortError if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
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
