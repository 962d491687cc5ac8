// LifeLoop webhooks: verify `X-LifeLoop-Signature` (HMAC-SHA256 of the raw body) first, then parse
// into the typed event union. Kept apart from lifeloop.ts so the API client does not pull in node:crypto.
import {
  createWebhookReceiver,
  hmacVerifier,
  type HeadersLike,
  type RawBody,
  type WebhookEvent,
  type WebhookReceiver,
} from "../runtime/webhooks.ts";
import { webhooks } from "../../generated/lifeloop/operations.ts";
import type { LifeLoopWebhookEvent, LifeLoopWebhookEventType } from "./lifeloop.ts";

export type { LifeLoopWebhookEvent, LifeLoopWebhookEventType } from "./lifeloop.ts";
export { WebhookVerificationError, type WebhookFailure } from "../runtime/webhooks.ts";

/**
 * `{ kind: "known", type, event }` for the spec's event types (`type` is the literal `eventType`, so
 * narrowing on it narrows `event`); `{ kind: "unknown", type, payload }` otherwise.
 */
export type LifeLoopWebhook = WebhookEvent<LifeLoopWebhookEvent, "eventType">;

/** The spec's event types, in spec order. */
export const lifeloopWebhookEventTypes: readonly LifeLoopWebhookEventType[] = webhooks.map((w) => w.name);

// Compile-time check that the spec's webhook names and the schema's `eventType` consts agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchSchema: Same<(typeof webhooks)[number]["name"], LifeLoopWebhookEventType> = true;
void namesMatchSchema;

export interface LifeLoopWebhookOptions {
  /** Your webhook secret. */
  secret: string;
  /** Signature encoding. Default `hex` (an optional `sha256=` prefix is accepted). */
  encoding?: "hex" | "base64";
}

/** A receiver with `verify(rawBody, headers)`, `fromRequest(request)` and `fromNode(req)`. Throws `WebhookVerificationError`. */
export function lifeloopWebhooks(options: LifeLoopWebhookOptions): WebhookReceiver<LifeLoopWebhookEvent, "eventType"> {
  const verify = hmacVerifier({
    secret: options?.secret,
    header: "X-LifeLoop-Signature",
    encoding: options?.encoding ?? "hex",
  });
  return createWebhookReceiver<LifeLoopWebhookEvent, "eventType">({
    verify,
    discriminator: "eventType",
    events: lifeloopWebhookEventTypes,
  });
}

/** One-shot form of `lifeloopWebhooks(options).verify(rawBody, headers)`. */
export function verifyLifeLoopWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: LifeLoopWebhookOptions,
): LifeLoopWebhook {
  return lifeloopWebhooks(options).verify(rawBody, headers);
}
