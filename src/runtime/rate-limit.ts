/**
 * Client-side rate limiting: an optional token bucket (e.g. Loops documents 10 requests/s per
 * team), plus the last `x-ratelimit-limit / -remaining / -reset` values the server sent.
 */

export interface RateLimitOptions {
  /** Sustained requests per second. */
  requestsPerSecond: number;
  /** Bucket size (requests allowed in a burst). Defaults to `requestsPerSecond`. */
  burst?: number;
  /** When the server last said `x-ratelimit-remaining: 0`, wait for its reset before sending. */
  waitOnExhausted?: boolean;
}

/** Last rate-limit headers seen; fields stay undefined until a response carries them. */
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds at which the window resets. */
  resetAt?: number;
}

/**
 * Token bucket with reservations: `reserve()` takes a token now and returns how long the caller
 * must wait for it (0 when one was available). Tokens may go negative, which queues callers fairly.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;

  constructor(
    options: Pick<RateLimitOptions, "requestsPerSecond" | "burst">,
    private readonly now = Date.now,
  ) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError("rateLimit.requestsPerSecond must be > 0");
    this.rate = options.requestsPerSecond / 1000;
    this.burst = Math.max(1, options.burst ?? options.requestsPerSecond);
    this.tokens = this.burst;
    this.last = now();
  }

  reserve(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (t - this.last) * this.rate);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : -this.tokens / this.rate;
  }
}

const num = (v: string | null) => (v !== null && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/**
 * Update `info` from a response's headers. `x-ratelimit-reset` is read as epoch seconds when it
 * looks like one (> 10^9), else as seconds from now.
 */
export function readRateLimitHeaders(info: RateLimitInfo, headers: Headers, now = Date.now()): void {
  const limit = num(headers.get("x-ratelimit-limit"));
  const remaining = num(headers.get("x-ratelimit-remaining"));
  const reset = num(headers.get("x-ratelimit-reset"));
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000;
}

/** Milliseconds to wait before sending, given the last headers (0 unless exhausted and not yet reset). */
export function exhaustedWait(info: RateLimitInfo, now = Date.now()): number {
  return info.remaining === 0 && info.resetAt !== undefined ? Math.max(0, info.resetAt - now) : 0;
}
