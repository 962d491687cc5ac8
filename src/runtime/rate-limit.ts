/**
 * Client-side rate limiting: `RateLimiter` spaces requests (Loops documents 10 requests/s per
 * team) and records the last `x-ratelimit-limit / -remaining / -reset` values the server sent.
 * One limiter may serve several clients (pass the same instance as their `rateLimit`), so that
 * clients sharing one quota share one queue.
 *
 * It is a sliding window, not a token bucket: at most `burst` requests are sent in any window of
 * `burst / requestsPerSecond` seconds, so a fresh limiter never lets a second's worth of requests
 * through on top of a full bucket. Waiting calls queue in order; a call whose signal aborts (its
 * timeout, its deadline, its caller) leaves the queue and frees its place. Time is read from a
 * monotonic clock, so a step of the wall clock cannot stall or release the queue.
 */
import { brand } from "./brand.ts";
import { numberOption } from "./options.ts";
import { setTimer } from "./request-loop.ts";
import { MAX_RETRY_AFTER_MS } from "./retry.ts";

/**
 * What the request loop needs from a limiter: `RateLimiter` is one; a limiter over a store shared
 * by several processes can be another. A client's `rateLimit` takes any object of this shape, so a
 * `RateLimiter` of another copy of this package (its other build, another version) is used as is.
 */
export interface Limiter {
  /**
   * Resolves when a call may send (undefined, no promise: at once). Rejects with the signal's
   * reason if it aborts while the call waits (its timeout, its deadline, its caller).
   */
  wait(signal?: AbortSignal): Promise<void> | void | undefined;
  /** Records a response's rate-limit headers. */
  observe(headers: Headers): void;
  /** The last rate-limit values seen, if the limiter keeps them (a client's `rateLimit`). */
  readonly info?: Readonly<RateLimitInfo>;
}

export interface RateLimitOptions {
  /** Sustained requests per second, at least 1e-9 (one in about 32 years). Omit for a limiter that only reads the headers (and honours `waitOnExhausted`). */
  requestsPerSecond?: number;
  /**
   * At most `burst` requests (1 to 10 000) in any window of `burst / requestsPerSecond` seconds.
   * Default: at most `requestsPerSecond` requests, rounded down, in any second (one request per
   * `1 / requestsPerSecond` seconds below 1/s).
   */
  burst?: number;
  /** When a response said `x-ratelimit-remaining: 0`, send nothing until its reset (capped at 60 s). */
  waitOnExhausted?: boolean;
}

/** Last rate-limit headers seen; fields stay undefined until a response carries them. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds at which the window resets. */
  resetAt?: number;
}

/** The most slots a window may hold (one number each). */
const MAX_BURST = 10_000;

/**
 * The window the options ask for, checked: at most `size` requests in any `windowMs` (0: no rate).
 * By default whole requests per second (rounded down: never more than asked), in at most 1 000 slots.
 */
export function slidingWindow({ requestsPerSecond: rate, burst }: RateLimitOptions): {
  size: number;
  windowMs: number;
} {
  numberOption(rate, "rateLimit.requestsPerSecond", 0, 1e-9);
  numberOption(burst, "rateLimit.burst", 0, 1, true, MAX_BURST);
  const size = burst ?? Math.min(Math.max(1, Math.floor(rate ?? 1)), 1000);
  return { size, windowMs: rate ? (1000 * size) / (burst || rate < 1 ? rate : Math.floor(rate)) : 0 };
}

/** A header's number; undefined when it is absent, blank or not a finite number. */
export const headerNumber = (v: string | null) => (v?.trim() && Number.isFinite(+v) ? +v : undefined);

export class RateLimiter implements Limiter {
  /** The last `x-ratelimit-*` values a response carried (a live object). */
  readonly info: RateLimitInfo = {};
  /**
   * Resolves when a call may send: at once (undefined, no promise) when nothing is queued and the
   * window has room. Rejects with the signal's reason if it aborts while queued.
   */
  declare readonly wait: (signal?: AbortSignal) => Promise<void> | undefined;
  /**
   * Records a response's `x-ratelimit-*` headers. `x-ratelimit-reset` is read as epoch
   * milliseconds above 10^12, epoch seconds above 10^9, else seconds from now.
   */
  declare readonly observe: (headers: Headers) => void;

  /** `now`: a monotonic clock in milliseconds (tests inject one). */
  constructor(options: RateLimitOptions = {}, now: () => number = () => performance.now()) {
    const rate = options.requestsPerSecond;
    const waitOnExhausted = options.waitOnExhausted === true;
    const { size, windowMs } = slidingWindow(options);
    // Send times (monotonic ms) of the last `size` requests, in a ring; the oldest is at `next`.
    const sent = new Array<number>(size).fill(-Infinity);
    let next = 0;
    /** Monotonic time before which nothing is sent (the server said it has no requests left). */
    let resumeAt = 0;
    /** The reset (epoch ms) of the window that ran out: only a later window's answer lifts the hold. */
    let exhaustedReset = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** Each queued call's release, in order. */
    const queue: (() => void)[] = [];
    /** The monotonic time at which the next request may be sent. */
    const free = () => Math.max(resumeAt, sent[next]! + windowMs);
    const take = (t: number) => {
      if (rate) {
        sent[next] = t;
        next = (next + 1) % size;
      }
    };
    const drain = () => {
      timer = undefined;
      const t = now();
      while (queue.length && free() <= t) {
        take(t);
        queue.shift()!();
      }
      if (queue.length) timer = setTimer(drain, free() - t);
    };

    this.wait = (signal) => {
      const t = now();
      if (!queue.length && free() <= t) return void take(t);
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const leave = () => {
          queue.splice(queue.indexOf(release), 1);
          reject(signal!.reason);
          if (!queue.length) {
            clearTimeout(timer);
            timer = undefined;
          }
        };
        const release = () => {
          signal?.removeEventListener("abort", leave);
          resolve();
        };
        signal?.addEventListener("abort", leave, { once: true });
        queue.push(release);
        timer ??= setTimer(drain, free() - t);
      });
    };

    this.observe = (headers) => {
      const info = this.info;
      const limit = headerNumber(headers.get("x-ratelimit-limit"));
      const remaining = headerNumber(headers.get("x-ratelimit-remaining"));
      const reset = headerNumber(headers.get("x-ratelimit-reset"));
      const resetAt =
        reset === undefined ? undefined : reset > 1e12 ? reset : reset > 1e9 ? reset * 1000 : Date.now() + reset * 1000;
      if (limit !== undefined) info.limit = limit;
      if (remaining !== undefined) info.remaining = remaining;
      if (resetAt !== undefined) info.resetAt = resetAt;
      if (!waitOnExhausted || remaining === undefined) return;
      if (remaining === 0) {
        exhaustedReset = info.resetAt ?? -Infinity;
        const wait = exhaustedReset - Date.now();
        resumeAt = wait > 0 ? now() + Math.min(wait, MAX_RETRY_AFTER_MS) : 0;
      } else {
        // An answer sent before the one that said 0 may arrive after it: its reset is that window's
        // (within a second, as "seconds from now" rounds), and the hold stands.
        if (resetAt !== undefined && resetAt <= exhaustedReset + 1000) return;
        resumeAt = 0;
      }
      if (queue.length) {
        clearTimeout(timer);
        drain();
      }
    };
  }
}

brand(RateLimiter, "RateLimiter");

const OPTION_KEYS = ["requestsPerSecond", "burst", "waitOnExhausted"];

/**
 * A client's limiter from its `rateLimit` option: the limiter given (any object with `wait` and
 * `observe`), a new `RateLimiter` from options (a plain object of its keys), or one that only
 * observes (`false`, undefined). Anything else is a TypeError: a typo must not leave a client unlimited.
 */
export function limiterOption(value: unknown, name: string): Limiter {
  const v = value as Partial<Limiter> | null | undefined;
  if (typeof v?.wait === "function" && typeof v.observe === "function") return v as Limiter;
  if (
    value === undefined ||
    value === false ||
    (Object.getPrototypeOf(v ?? 0) === Object.prototype && Object.keys(v!).every((k) => OPTION_KEYS.includes(k)))
  )
    return new RateLimiter((v || undefined) as RateLimitOptions | undefined);
  throw new TypeError(`${name}: \`rateLimit\` must be false, a limiter (wait() and observe()) or its options.`);
}
