/**
 * Timeouts and cancellation. Each attempt gets its own timer (default 60 s); the caller's
 * AbortSignal (the `signal` request option) cancels the attempt and any wait between attempts.
 * A fired timer is an `APITimeoutError`, a caller abort an `APIUserAbortError`, anything else
 * thrown by fetch an `APIConnectionError`.
 */
import { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors.ts';

export const DEFAULT_TIMEOUT_MS = 60_000;

export type FetchFn = (request: Request) => Promise<Response>;

/** Send one attempt (a clone of `request`, so the original stays re-sendable) under a timeout. */
export async function fetchWithTimeout(fetchFn: FetchFn, request: Request, timeoutMs: number): Promise<Response> {
  const user = request.signal;
  if (user.aborted) throw new APIUserAbortError({ cause: user.reason });
  const controller = new AbortController();
  let timedOut = false;
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const onAbort = () => {
    controller.abort(user.reason);
    fail(new APIUserAbortError({ cause: user.reason }));
  };
  user.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timeout', 'TimeoutError'));
    fail(new APITimeoutError(timeoutMs));
  }, timeoutMs);
  try {
    // Race so that a fetch which ignores its signal cannot outlive the timeout.
    return await Promise.race([fetchFn(new Request(request.clone(), { signal: controller.signal })), failed]);
  } catch (e) {
    if (e instanceof APIConnectionError || e instanceof APIUserAbortError) throw e;
    if (user.aborted) throw new APIUserAbortError({ cause: e });
    if (timedOut) throw new APITimeoutError(timeoutMs);
    throw new APIConnectionError(undefined, { cause: e });
  } finally {
    clearTimeout(timer);
    user.removeEventListener('abort', onAbort);
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
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
