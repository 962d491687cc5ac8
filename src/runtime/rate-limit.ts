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
import { MAX_RETRY_AFTER_MS } from "./retry.ts";
import { setTimer } from "./timeout.ts";

export interface RateLimitOptions {
  /** Sustained requests per second. Omit for a limiter that only reads the headers (and honours `waitOnExhausted`). */
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

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** The most slots a window may hold (one number each). */
const MAX_BURST = 10_000;

const num = (v: string | null) => (v !== null && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

export class RateLimiter {
  /** The last `x-ratelimit-*` values a response carried (a live object). */
  readonly info: RateLimitInfo = {};
  /** Send times (monotonic ms) of the last `burst` requests, in a ring; the oldest is at `#next`. */
  readonly #sent: number[];
  #next = 0;
  readonly #windowMs: number;
  readonly #waitOnExhausted: boolean;
  /** Monotonic time before which nothing is sent (the server said it has no requests left). */
  #resumeAt = 0;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #now: () => number;

  /** `now`: a monotonic clock in milliseconds (tests inject one). */
  constructor(options: RateLimitOptions = {}, now: () => number = () => performance.now()) {
    const { requestsPerSecond: rate, burst } = options;
    this.#now = now;
    this.#waitOnExhausted = options.waitOnExhausted === true;
    if (rate === undefined) {
      this.#sent = [];
      this.#windowMs = 0;
      return;
    }
    if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0)
      throw new RangeError("`rateLimit.requestsPerSecond` must be a finite number > 0.");
    if (
      burst !== undefined &&
      (typeof burst !== "number" || !Number.isInteger(burst) || burst < 1 || burst > MAX_BURST)
    )
      throw new RangeError(`\`rateLimit.burst\` must be an integer from 1 to ${MAX_BURST}.`);
    if (burst !== undefined) {
      this.#sent = new Array<number>(burst).fill(-Infinity);
      this.#windowMs = (1000 * burst) / rate;
      return;
    }
    // Whole requests per second (rounded down: never more than asked), in at most 1 000 slots.
    const perSecond = Math.floor(rate);
    const size = Math.min(Math.max(1, perSecond), 1000);
    this.#sent = new Array<number>(size).fill(-Infinity);
    this.#windowMs = rate < 1 ? 1000 / rate : (1000 * size) / perSecond;
  }

  /**
   * Resolves when this call may send: at once (undefined, no promise) when nothing is queued and
   * the window has room. Rejects with the signal's reason if it aborts while queued.
   */
  wait(signal?: AbortSignal): Promise<void> | undefined {
    const now = this.#now();
    if (!this.#queue.length && this.#ready(now)) return this.#take(now);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) signal.addEventListener("abort", (waiter.onAbort = () => this.#leave(waiter)), { once: true });
      this.#queue.push(waiter);
      this.#schedule(now);
    });
  }

  /**
   * Records a response's `x-ratelimit-*` headers. `x-ratelimit-reset` is read as epoch
   * milliseconds above 10^12, epoch seconds above 10^9, else seconds from now.
   */
  observe(headers: Headers): void {
    const info = this.info;
    const limit = num(headers.get("x-ratelimit-limit"));
    const remaining = num(headers.get("x-ratelimit-remaining"));
    const reset = num(headers.get("x-ratelimit-reset"));
    if (limit !== undefined) info.limit = limit;
    if (remaining !== undefined) info.remaining = remaining;
    if (reset !== undefined)
      info.resetAt = reset > 1e12 ? reset : reset > 1e9 ? reset * 1000 : Date.now() + reset * 1000;
    if (!this.#waitOnExhausted || remaining === undefined) return;
    const wait = remaining === 0 && info.resetAt !== undefined ? info.resetAt - Date.now() : 0;
    this.#resumeAt = wait > 0 ? this.#now() + Math.min(wait, MAX_RETRY_AFTER_MS) : 0;
    if (this.#queue.length) {
      clearTimeout(this.#timer);
      this.#drain();
    }
  }

  #ready(now: number): boolean {
    return now >= this.#resumeAt && (!this.#sent.length || this.#sent[this.#next]! <= now - this.#windowMs);
  }

  #take(now: number): undefined {
    if (this.#sent.length) {
      this.#sent[this.#next] = now;
      this.#next = (this.#next + 1) % this.#sent.length;
    }
    return undefined;
  }

  #schedule(now: number): void {
    if (this.#timer !== undefined) return;
    const free = this.#sent.length ? this.#sent[this.#next]! + this.#windowMs : 0;
    this.#timer = setTimer(() => this.#drain(), Math.max(0, this.#resumeAt - now, free - now));
  }

  #drain(): void {
    this.#timer = undefined;
    const now = this.#now();
    while (this.#queue.length && this.#ready(now)) {
      const waiter = this.#queue.shift()!;
      waiter.signal?.removeEventListener("abort", waiter.onAbort!);
      this.#take(now);
      waiter.resolve();
    }
    if (this.#queue.length) this.#schedule(now);
  }

  #leave(waiter: Waiter): void {
    const i = this.#queue.indexOf(waiter);
    if (i >= 0) this.#queue.splice(i, 1);
    waiter.reject(waiter.signal!.reason);
    if (!this.#queue.length) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }
}
