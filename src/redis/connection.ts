/**
 * The one way the Redis helpers talk to Redis: a command under a timeout, and what happens when it
 * cannot be had. A command that fails or takes longer than `timeoutMs` is not retried: the helper
 * goes on without Redis (each says how), tells `onRedisError` once per outage, and tries Redis
 * again at most once a second until it answers.
 */
import { numberOption } from "../runtime/options.ts";

/**
 * What the helpers use of a Redis client: `createClient()` of the `redis` package (node-redis 5
 * and 6) has both. Any object with such a `sendCommand` fits (it must answer a `SET … NX` that
 * sets nothing with `null`).
 */
export interface RedisCommands {
  /** Sends one command (its name, then its arguments) and resolves with the reply. */
  sendCommand(args: string[]): Promise<unknown>;
  /** node-redis: false while the client is not connected; the helpers then go on without Redis at once. */
  readonly isReady?: boolean;
}

export interface RedisHelperOptions {
  /** How long a command may take before the helper goes on without Redis. Default 500 ms. */
  timeoutMs?: number;
  /** Told once per outage why Redis could not be used. Default: one `console.warn`. */
  onRedisError?: (error: unknown) => void;
}

/** After a failure, how long the helper goes on without Redis before it tries Redis again. */
const RETRY_REDIS_MS = 1000;
const DEFAULT_TIMEOUT_MS = 500;

export interface RedisLink {
  /**
   * The reply, or `undefined` when Redis is down, slow or failed. Rejects only with `signal`'s
   * reason, when it aborts first.
   */
  send(args: string[], signal?: AbortSignal): Promise<{ reply: unknown } | undefined>;
}

/** `what` names the helper in errors and the warning; `without` says what it does without Redis. */
export function redisLink(
  client: RedisCommands,
  options: RedisHelperOptions,
  what: string,
  without: string,
): RedisLink {
  if (typeof client?.sendCommand !== "function")
    throw new TypeError(`${what}: \`client\` must be a Redis client with sendCommand (node-redis createClient()).`);
  const timeoutMs = numberOption(options.timeoutMs, `${what}: timeoutMs`, DEFAULT_TIMEOUT_MS, 1);
  const report =
    options.onRedisError ??
    ((error: unknown) =>
      console.warn(`loop-api-clients/redis: ${what} cannot use Redis (${(error as Error)?.message}); ${without}.`));
  let down = false;
  let retryAt = 0;
  const fail = (error: unknown) => {
    retryAt = performance.now() + RETRY_REDIS_MS;
    if (down) return undefined;
    down = true;
    report(error);
    return undefined;
  };

  return {
    async send(args, signal) {
      if (signal?.aborted) throw signal.reason;
      if (down && performance.now() < retryAt) return undefined;
      if (client.isReady === false) return fail(new Error("the client is not connected"));
      let timer: ReturnType<typeof setTimeout> | undefined;
      let leave: (() => void) | undefined;
      try {
        const reply = await Promise.race([
          client.sendCommand(args),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            leave = () => reject(signal!.reason);
            signal?.addEventListener("abort", leave, { once: true });
          }),
        ]);
        down = false;
        return { reply };
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        return fail(error);
      } finally {
        clearTimeout(timer);
        if (leave) signal?.removeEventListener("abort", leave);
      }
    },
  };
}
