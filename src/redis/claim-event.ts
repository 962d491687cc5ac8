/**
 * `redisClaimEvent`: the webhook receivers' `claimEvent`, shared by every process through Redis.
 * A claim is one `SET <prefix><id> 1 PX <ms> NX`: the first process to claim an id gets `true`,
 * every later claim `false` until the expiry the receiver asks for.
 *
 * A claim that cannot be made (Redis down, or slower than `timeoutMs`) is `true`: the event is
 * treated as not seen and delivered, so an outage may let a repeat through (at least once) but never
 * drops an event.
 */
import type { ClaimEvent } from "../runtime/webhooks.ts";
import { type RedisCommands, type RedisHelperOptions, redisLink } from "./connection.ts";

export interface RedisClaimEventOptions extends RedisHelperOptions {
  /** Put before every event id to make its key, e.g. `"webhooks:lifeloop:"`: one per receiver. */
  prefix: string;
}

export function redisClaimEvent(client: RedisCommands, options: RedisClaimEventOptions): ClaimEvent {
  const what = "redisClaimEvent";
  const { prefix } = options ?? ({} as RedisClaimEventOptions);
  if (typeof prefix !== "string" || !prefix) throw new TypeError(`${what}: \`prefix\` must be a non-empty string.`);
  const redis = redisLink(client, options, what, "treating events as not seen until it answers");
  return async (id, expiresAt) => {
    const ms = Math.max(1, Math.ceil(expiresAt.getTime() - Date.now()));
    const claimed = await redis.send(["SET", prefix + id, "1", "PX", String(ms), "NX"]);
    return !claimed || claimed.reply !== null;
  };
}
