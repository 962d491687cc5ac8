/**
 * LifeLoop webhooks: `X-LifeLoop-Signature` (HMAC-SHA256 of the raw body) is checked first; then the
 * delivery's `occurredAt` must be within `toleranceMs` of now, so a captured delivery cannot be
 * replayed later, and with `claimEvent` a second delivery of one `eventId` comes back as `duplicate`.
 * Platform-neutral (Web Crypto): kept apart from lifeloop.ts so the API client stays small.
 */
import { webhooks } from "../../generated/lifeloop/operations.ts";
import { webhookSchemas } from "../../generated/lifeloop/webhook-schemas.ts";
import { hmacSignature } from "../runtime/webhook-signatures.ts";
import {
  type ClaimEvent,
  createWebhookReceiver,
  type HeadersLike,
  type RawBody,
  type WebhookEvent,
  type WebhookReceiver,
} from "../runtime/webhooks.ts";
import type { LifeLoopWebhookEvent, LifeLoopWebhookEventType } from "./lifeloop.ts";

export type { LifeLoopWebhookEvent, LifeLoopWebhookEventType } from "./lifeloop.ts";
export * from "../runtime/webhook-exports.ts";

/** `{ kind: "known", type, event }` narrows `event` by its literal `type` (the payload's `eventType`). */
export type LifeLoopWebhook = WebhookEvent<LifeLoopWebhookEvent, "eventType">;
export type LifeLoopWebhookReceiver = WebhookReceiver<LifeLoopWebhookEvent, "eventType">;

/** The spec's event types, in spec order. */
export const lifeloopWebhookEventTypes: readonly LifeLoopWebhookEventType[] = webhooks.map((w) => w.name);

// Compile-time check that the spec's webhook names and the schema's `eventType` consts agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchSchema: Same<(typeof webhooks)[number]["name"], LifeLoopWebhookEventType> = true;
void namesMatchSchema;

/** LifeLoop retries a delivery for about 10.5 hours; a day's tolerance accepts every retry. */
export const LIFELOOP_WEBHOOK_TOLERANCE_MS = 24 * 3_600_000;

export interface LifeLoopWebhookOptions {
  /** Your webhook secret. */
  secret: string;
  /** Signature encoding. Default `hex` (an optional `sha256=` prefix is accepted). */
  encoding?: "hex" | "base64" | undefined;
  /** Refuse a delivery whose `occurredAt` is further than this from now. Default 24 hours. */
  toleranceMs?: number | undefined;
  /** Remembers `eventId`s (see `ClaimEvent`): a second delivery of one event comes back as `duplicate`. */
  claimEvent?: ClaimEvent | undefined;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBytes?: number | undefined;
  /** Clock (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

const field = (name: string) => (payload: unknown) => {
  const value = (payload as Record<string, unknown> | null)?.[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * A receiver with `verify(rawBody, headers)`, `fromRequest(request)` and `fromNode(req)`. Throws
 * `WebhookVerificationError`. LifeLoop counts a delivery as received only on a `200` within 5 s,
 * and otherwise retries it after 1 min, 5 min, 30 min, 2 h and 8 h (then a dead-letter queue), so
 * answer first and do the work after.
 */
export function lifeloopWebhooks(options: LifeLoopWebhookOptions): LifeLoopWebhookReceiver {
  const { claimEvent } = options ?? {};
  return createWebhookReceiver<LifeLoopWebhookEvent, "eventType">({
    verify: hmacSignature({
      secret: options?.secret,
      header: "X-LifeLoop-Signature",
      encoding: options?.encoding,
      prefix: "sha256=",
    }),
    discriminator: "eventType",
    schemas: webhookSchemas,
    maxBytes: options?.maxBytes,
    freshness: { occurredAt: field("occurredAt"), toleranceMs: options?.toleranceMs ?? LIFELOOP_WEBHOOK_TOLERANCE_MS },
    ...(claimEvent && { dedupe: { eventId: field("eventId"), claim: claimEvent } }),
    now: options?.now,
  });
}

/** One-shot form of `lifeloopWebhooks(options).verify(rawBody, headers)`. */
export function verifyLifeLoopWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: LifeLoopWebhookOptions,
): Promise<LifeLoopWebhook> {
  return lifeloopWebhooks(options).verify(rawBody, headers);
}
