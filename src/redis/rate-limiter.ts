/**
 * `redisRateLimiter`: one rate limit for every process that shares a Redis key. Each call reserves
 * its send time in Redis with one Lua script (atomic: no two callers get the same place), from
 * Redis' own clock, so processes on several machines agree on the time. The reservations follow the
 * in-process `RateLimiter`'s sliding window: at most `burst` sends in any `burst / requestsPerSecond`
 * seconds; each caller gets the earliest time that keeps it, after every earlier reservation, so
 * callers send in the order their requests reached Redis. A response saying
 * `x-ratelimit-remaining: 0` (with `waitOnExhausted`) holds every process until the reset.
 *
 * Without Redis (down, or slower than `timeoutMs`), calls are limited in this process with the same
 * options, and Redis is used again once it answers (see `connection.ts`).
 */
import {
  headerNumber,
  RateLimiter,
  type Limiter,
  type RateLimitInfo,
  type RateLimitOptions,
  slidingWindow,
} from "../runtime/rate-limit.ts";
import { numberOption } from "../runtime/options.ts";
import { MAX_RETRY_AFTER_MS } from "../runtime/retry.ts";
import { type RedisCommands, type RedisHelperOptions, redisLink } from "./connection.ts";

export interface RedisRateLimitOptions extends RateLimitOptions, RedisHelperOptions {
  /** The Redis key every process sharing this limit uses (one per Loops team, per LifeLoop token). */
  key: string;
  /**
   * Added to the window between reservations (ms): requests from several processes reach the vendor
   * after different delays, and one that arrives a little early would find the vendor's window full.
   * Default 100 ms (Loops: 10 requests in any 1.1 s).
   */
  marginMs?: number;
}

/**
 * KEYS: the list of reserved send times (newest first, microseconds of Redis' clock), the hold key.
 * ARGV: the window's size and length (µs; size 0: no rate). Returns how long to wait, in µs.
 * Times are formatted with %d: Lua would write a number with 14 significant digits.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local at = now
local hold = redis.call('PTTL', KEYS[2])
if hold > 0 then at = now + hold * 1000 end
local size = tonumber(ARGV[1])
if size > 0 then
  local window = tonumber(ARGV[2])
  local newest = tonumber(redis.call('LINDEX', KEYS[1], 0))
  if newest and newest > at then at = newest end
  local oldest = tonumber(redis.call('LINDEX', KEYS[1], size - 1))
  if oldest and oldest + window > at then at = oldest + window end
  redis.call('LPUSH', KEYS[1], string.format('%d', at))
  redis.call('LTRIM', KEYS[1], 0, size - 1)
  redis.call('PEXPIRE', KEYS[1], math.ceil((at - now + window) / 1000) + 1)
end
return at - now
`;

/** Enough for the spread of arrival times between processes on a busy machine (see BENCHMARKS.md). */
const DEFAULT_MARGIN_MS = 100;

/** The longest delay `setTimeout` keeps (longer ones fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  for (; ms > MAX_TIMER_MS; ms -= MAX_TIMER_MS) await sleep(MAX_TIMER_MS, signal);
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener("abort", abort);
      resolve();
    };
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", abort, { once: true });
  });
}

/**
 * A rate limiter whose accounting lives in Redis, for the clients' `rateLimit` option:
 * `redisRateLimiter(redis, { key: "loops:my-team", ...LOOPS_RATE_LIMIT })`.
 */
export function redisRateLimiter(
  client: RedisCommands,
  options: RedisRateLimitOptions,
): Limiter & { readonly info: RateLimitInfo } {
  const what = "redisRateLimiter";
  const { key, waitOnExhausted } = options ?? ({} as RedisRateLimitOptions);
  if (typeof key !== "string" || !key) throw new TypeError(`${what}: \`key\` must be a non-empty string.`);
  const { size, windowMs } = slidingWindow(options);
  const marginMs = numberOption(options.marginMs, `${what}: marginMs`, DEFAULT_MARGIN_MS, 0);
  // The same limits, kept in this process while Redis cannot be used; it also reads the headers.
  const local = new RateLimiter(options);
  const redis = redisLink(client, options, what, "limiting in this process until it answers");
  const keys = [`${key}:sent`, `${key}:hold`];
  // Without a rate (a limiter that only reads the headers), nothing is counted: size 0.
  const [count, span] = windowMs ? [size, Math.ceil((windowMs + marginMs) * 1000)] : [0, 0];
  const reserve = ["EVAL", RESERVE, "2", ...keys, String(count), String(span)];

  return {
    info: local.info,
    async wait(signal) {
      for (;;) {
        const reserved = await redis.send(reserve, signal);
        if (!reserved) return local.wait(signal);
        const waitMs = Number(reserved.reply) / 1000;
        if (!(waitMs > 0)) return;
        await sleep(waitMs, signal);
        // A hold set while this call waited for its place applies to it too: reserve again after it.
        if (!waitOnExhausted) return;
        const held = await redis.send(["PTTL", keys[1]!], signal);
        if (!held || !(Number(held.reply) > 0)) return;
      }
    },
    observe(headers) {
      local.observe(headers);
      if (!waitOnExhausted || headerNumber(headers.get("x-ratelimit-remaining")) !== 0) return;
      const holdMs = Math.min((local.info.resetAt ?? 0) - Date.now(), MAX_RETRY_AFTER_MS);
      if (holdMs >= 1) void redis.send(["SET", keys[1]!, "1", "PX", String(Math.ceil(holdMs))]);
    },
  };
}
