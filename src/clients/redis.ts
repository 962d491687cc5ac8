/**
 * `loop-api-clients/redis`: a rate limit and a webhook claim store shared by every process through
 * Redis. Pass a connected client of the `redis` package (an optional peer dependency: nothing else
 * in this package needs it); this entry never imports it, and the root entry does not include it.
 */
export { type RedisCommands, type RedisHelperOptions } from "../redis/connection.ts";
export { redisRateLimiter, type RedisRateLimitOptions } from "../redis/rate-limiter.ts";
export { redisClaimEvent, type RedisClaimEventOptions } from "../redis/claim-event.ts";
