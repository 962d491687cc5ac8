/**
 * The request loop: every attempt of one call, read top to bottom in `requestLoop`. An attempt is
 * limiter → fetch → status → body (within the size limit), all under one timer (the attempt's
 * `timeoutMs`, cut short by the call's deadline) and the caller's signal; then the retry decision
 * (retry.ts, pure policy) and the sleep before the next attempt. It returns what it got,
 * `{ response, bytes }`, or throws a typed error: nothing is written anywhere for later.
 */
import type { ParseAs } from "openapi-fetch";
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, ResponseTooLargeError } from "./errors.ts";
import type { Limiter } from "./rate-limit.ts";
import { scrub } from "./redact.ts";
import { type Backoff, isRetryableResponse, retryDelay } from "./retry.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 2 ** 24; // 16 MiB

/** A fetch a caller injects: it gets one Request per attempt. */
export type FetchFn = (request: Request) => Promise<Response>;

/**
 * How an attempt is sent: the Request and what this attempt sets (the body bytes, its signal). The
 * global `fetch` takes them as they are; an injected `FetchFn` gets them as one Request
 * (`sendWith`). Building that Request here for the global fetch too would build it twice.
 */
export type Send = (
  request: Request,
  init: { body: ArrayBuffer | undefined; signal: AbortSignal },
) => Promise<Response>;

/** The `Send` of an injected fetch, or of the global one (read at each call, so it can be replaced). */
export const sendWith = (fetchFn: FetchFn | undefined): Send =>
  fetchFn ? (request, init) => fetchFn(new Request(request, init)) : (request, init) => fetch(request, init);

/** What the loop needs from a client: its limiter, its backoff, its body size limit. */
export interface LoopOptions {
  limiter: Limiter;
  backoff: Backoff;
  maxResponseBytes: number;
}

/** One call's settings, checked by the caller of the loop. */
export interface Call {
  /** Attempts after the first; 0 for a request that is not safe to send twice. */
  maxRetries: number;
  timeoutMs: number;
  /** The call's deadline (ms), and the monotonic time it ends at (Infinity: none). */
  deadlineMs: number | undefined;
  deadlineAt: number;
  signal: AbortSignal | null | undefined;
  /** How every attempt is sent. */
  send: Send;
  /** `parseAs: "stream"`: a 2xx body is handed over unread, still tied to `signal` and the size limit. */
  stream: boolean;
}

/**
 * What a call got: the final Response and its body, read (scrubbed of secrets when the status is
 * an error; null when there is none). `bytes` is undefined only for a streamed 2xx, whose
 * `response.body` is then the caller's to read.
 */
export interface Outcome {
  response: Response;
  bytes?: Uint8Array<ArrayBuffer> | null;
}

/**
 * Sends `request` until an answer stands: a success, an error status that is not retried, or the
 * last attempt. Connection errors and timeouts (also while the body arrives) are retried like a
 * retryable status; a caller abort, a body over the limit and an impossible status are not.
 */
export async function requestLoop(request: Request, call: Call, options: LoopOptions): Promise<Outcome> {
  // Read once: the first attempt and every retry send these bytes (a Request's body is a one-shot
  // stream, which a fetch of the Request itself would use up just the same).
  const body = request.body ? await request.arrayBuffer() : undefined;
  for (let attempt = 0; ; attempt++) {
    const left = call.deadlineAt - performance.now(); // the deadline is on the monotonic clock
    if (left <= 0) throw deadlinePassed(call);
    let outcome: Outcome | undefined;
    let failure: APIConnectionError | undefined;
    try {
      outcome = await sendAttempt(request, body, call, options, left);
    } catch (error) {
      if (!(error instanceof APIConnectionError)) throw error;
      failure = error;
    }
    const retry = attempt < call.maxRetries && (failure !== undefined || isRetryableResponse(outcome!.response));
    const delay = retry ? retryDelay(attempt, outcome?.response.headers, options.backoff) : 0;
    // No retry, or none that fits before the deadline: the last outcome stands.
    if (!retry || performance.now() + delay >= call.deadlineAt) {
      if (outcome) return outcome;
      throw failure;
    }
    await sleep(delay, call.signal);
  }
}

/**
 * One attempt under its timer and the caller's signal. Either aborts the attempt's controller with
 * its own error as the reason (the fetch and the body read see it) and settles the attempt at once,
 * even if an injected fetch ignores its signal.
 */
async function sendAttempt(
  request: Request,
  body: ArrayBuffer | undefined,
  call: Call,
  options: LoopOptions,
  left: number,
): Promise<Outcome> {
  const { signal: caller } = call;
  if (caller?.aborted) throw userAbort(caller);
  const controller = new AbortController();
  const { signal } = controller;
  let fail!: (error: APIError) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const abort = (error: APIError) => {
    controller.abort(error);
    fail(error);
  };
  const stopWatching = onAbort(caller, () => abort(userAbort(caller)));
  const timer = setTimer(
    () => abort(left < call.timeoutMs ? deadlinePassed(call) : new APITimeoutError(call.timeoutMs)),
    Math.min(left, call.timeoutMs),
  );

  const exchange = async (): Promise<Outcome> => {
    await options.limiter.wait(signal);
    const response = await call.send(request, { body, signal });
    options.limiter.observe(response.headers);
    const { status } = response;
    if (status >= 200 && status < 300 && call.stream)
      return { response: streamedBody(response, options.maxResponseBytes, caller) };
    const bytes = await readBody(response, options.maxResponseBytes);
    if (status >= 200 && status < 300) return { response, bytes };
    const error = bytes ? scrubbedErrorBody(bytes) : undefined;
    // A Response cannot be built for it (and no API means it): an APIError, never retried.
    if (status < 200 || status > 599) throw APIError.from(response, error);
    if (error === undefined) return { response, bytes: null };
    return { response, bytes: new TextEncoder().encode(typeof error === "string" ? error : JSON.stringify(error)) };
  };

  try {
    return await Promise.race([exchange(), failed]);
  } catch (error) {
    if (signal.aborted) throw signal.reason; // the timeout, the deadline or the caller's abort
    if (error instanceof APIError) throw error;
    throw new APIConnectionError(undefined, { cause: error });
  } finally {
    clearTimeout(timer);
    stopWatching();
  }
}

const deadlinePassed = (call: Call) =>
  new APITimeoutError(undefined, `Request deadline of ${call.deadlineMs} ms passed.`);

const userAbort = (signal: AbortSignal | null | undefined) => new APIUserAbortError({ cause: signal?.reason });

/** setTimeout, with the delay capped at 2^31-1 ms: beyond that Node and browsers fire at once. */
export const setTimer = (fn: () => void, ms: number) => setTimeout(fn, Math.min(ms, 2 ** 31 - 1));

/** Wait `ms`, rejecting with APIUserAbortError if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (signal?.aborted) return Promise.reject(userAbort(signal));
  return new Promise((resolve, reject) => {
    const stopWatching = onAbort(signal, () => {
      clearTimeout(timer);
      reject(userAbort(signal));
    });
    const timer = setTimer(() => {
      stopWatching();
      resolve();
    }, ms);
  });
}

/**
 * Each signal's one "abort" listener and the callbacks it runs: calls sharing a signal add a
 * callback, not a listener (Node warns past 10 listeners), and the last one to leave removes it.
 */
const watchers = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/** Runs `fn` once when `signal` aborts; returns the function that stops watching. */
function onAbort(signal: AbortSignal | null | undefined, fn: () => void): () => void {
  if (!signal) return () => {};
  let watcher = watchers.get(signal);
  if (!watcher) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      watchers.delete(signal);
      for (const callback of callbacks) callback();
    };
    watchers.set(signal, (watcher = { callbacks, listener }));
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = watcher;
  callbacks.add(fn);
  return () => {
    if (!callbacks.delete(fn) || callbacks.size) return;
    watchers.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}

/** Stateless without `{ stream: true }`, so one serves every call. */
const utf8 = new TextDecoder();

/** `response.body`, unless its declared Content-Length is already over `limit`. */
function bodyWithin(response: Response, limit: number): ReadableStream<Uint8Array> | null {
  if (Number(response.headers.get("content-length")) > limit) {
    void response.body?.cancel().catch(() => {});
    throw new ResponseTooLargeError(response, limit);
  }
  return response.body;
}

/**
 * The body of `response` (null when it has none), at most `limit` bytes, else ResponseTooLargeError.
 * Counted as it arrives (decoded, whatever the Content-Length said), so a larger body never fills memory.
 */
async function readBody(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = bodyWithin(response, limit)?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r; !(r = await reader.read()).done; chunks.push(r.value))
    if ((size += r.value.byteLength) > limit) {
      void reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(response, limit);
    }
  const bytes = new Uint8Array(size);
  size = 0;
  for (const c of chunks) bytes.set(c, (size += c.byteLength) - c.byteLength);
  return bytes;
}

/**
 * An error body without secrets, as openapi-fetch would give it: parsed JSON (scrubbed value by
 * value, whatever escapes the server used), else the text.
 */
function scrubbedErrorBody(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes);
  try {
    return scrub(JSON.parse(text) as unknown);
  } catch {
    return scrub(text);
  }
}

/**
 * A copy of a 2xx `response` whose body the caller reads: it errors with ResponseTooLargeError
 * past `limit` bytes, and with APIUserAbortError as soon as the caller's signal aborts, until it
 * ends or is cancelled (then the signal is let go).
 */
function streamedBody(response: Response, limit: number, caller: AbortSignal | null | undefined): Response {
  const reader = bodyWithin(response, limit)?.getReader();
  if (!reader) return response;
  let size = 0;
  let stopWatching = () => {};
  let ended = false;
  /** Ends the stream: closed (no error) or errored, the source cancelled, the signal let go. */
  const end = (controller: ReadableStreamDefaultController<Uint8Array>, error?: unknown) => {
    if (ended) return;
    ended = true;
    stopWatching();
    if (error === undefined) return controller.close();
    controller.error(error);
    void reader.cancel(error).catch(() => {});
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stopWatching = onAbort(caller, () => end(controller, userAbort(caller)));
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) end(controller);
        else if ((size += value.byteLength) > limit) end(controller, new ResponseTooLargeError(response, limit));
        else if (!ended) controller.enqueue(value);
      } catch (error) {
        end(controller, new APIConnectionError(undefined, { cause: error }));
      }
    },
    cancel(reason) {
      ended = true;
      stopWatching();
      return reader.cancel(reason);
    },
  });
  return copyResponse(response, body);
}

/** What openapi-fetch's `parseAs` makes of a success body (`json`: undefined for an empty one). */
export function parseBody(bytes: Uint8Array<ArrayBuffer> | null, parseAs: ParseAs, response: Response): unknown {
  const body = bytes ?? new Uint8Array(0);
  if (parseAs === "arrayBuffer") return body.buffer;
  if (parseAs === "blob") return new Blob([body], { type: response.headers.get("content-type") ?? "" });
  const text = utf8.decode(body);
  return parseAs === "text" ? text : text ? JSON.parse(text) : undefined;
}

/** A Response over `body` with the status and headers of `from` (and its `url`, which the constructor cannot set). */
export function copyResponse(from: Response, body: BodyInit | null): Response {
  const response = new Response(body, { status: from.status, statusText: from.statusText, headers: from.headers });
  if (from.url) Object.defineProperty(response, "url", { value: from.url });
  return response;
}
