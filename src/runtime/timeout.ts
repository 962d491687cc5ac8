/**
 * Timeouts and cancellation. Each attempt gets its own timer (default 60 s); the caller's
 * AbortSignal (the `signal` request option) cancels the attempt and any wait between attempts.
 * A fired timer is an `APITimeoutError`, a caller abort an `APIUserAbortError`, anything else
 * thrown by fetch an `APIConnectionError`.
 */
import { APIConnectionError, APITimeoutError, APIUserAbortError } from './errors.ts';

export const DEFAULT_TIMEOUT_MS = 60_000;

export type FetchFn = (request: Request) => Promise<Response>;

export interface AttemptOptions {
  /** The caller's AbortSignal: cancels the attempt (an APIUserAbortError, never retried). */
  user?: AbortSignal | null | undefined;
  /**
   * Send `request` itself, whose signal already follows this controller (a call's first attempt,
   * on the Request openapi-fetch built). Otherwise a new Request with its own signal is sent.
   */
  controller?: AbortController | undefined;
  /** The body to send instead of `request`'s, so `request` is not consumed (attempts that may be retried). */
  body?: BodyInit | undefined;
}

/**
 * Send one attempt of `request` under a timeout. Unless `controller` is given, the attempt is a new
 * Request with its own signal carrying `body` (or a clone of the body), so `request` stays re-sendable.
 */
export async function fetchWithTimeout(fetchFn: FetchFn, request: Request, timeoutMs: number, o: AttemptOptions = {}): Promise<Response> {
  const user = o.user;
  if (user?.aborted) throw new APIUserAbortError({ cause: user.reason });
  const controller = o.controller ?? new AbortController();
  let timedOut = false;
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const onAbort = () => {
    controller.abort(user?.reason);
    fail(new APIUserAbortError({ cause: user?.reason }));
  };
  user?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('timeout', 'TimeoutError'));
    fail(new APITimeoutError(timeoutMs));
  }, timeoutMs);
  try {
    const { signal } = controller;
    const attempt = o.controller
      ? request
      : o.body !== undefined
        ? new Request(request, { body: o.body, signal })
        : new Request(request.body ? request.clone() : request, { signal });
    // Race so that a fetch which ignores its signal cannot outlive the timeout.
    return await Promise.race([fetchFn(attempt), failed]);
  } catch (e) {
    if (e instanceof APIConnectionError || e instanceof APIUserAbortError) throw e;
    if (user?.aborted) throw new APIUserAbortError({ cause: e });
    if (timedOut) throw new APITimeoutError(timeoutMs);
    throw new APIConnectionError(undefined, { cause: e });
  } finally {
    clearTimeout(timer);
    user?.removeEventListener('abort', onAbort);
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
