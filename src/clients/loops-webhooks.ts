/**
 * Loops webhooks, signed with Standard Webhooks: `webhook-signature` (HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed with your `whsec_` signing secret) is checked
 * first, and `webhook-timestamp` must be within `toleranceMs` of now (default 5 minutes), so a
 * captured delivery cannot be replayed later. The payload is then typed by its `eventName`.
 * Platform-neutral; kept apart from loops.ts so the API client does not bundle the verifier.
 */
import { webhooks as webhookTable } from "../../generated/loops/operations.ts";
import type { webhooks } from "../../generated/loops/schema.ts";
import { webhookSchemas } from "../../generated/loops/webhook-schemas.ts";
import { standardWebhooks } from "../runtime/standard-webhooks.ts";
import {
  type ClaimEvent,
  createWebhookReceiver,
  headerValue,
  type HeadersLike,
  type RawBody,
  type WebhookEvent,
  type WebhookReceiver,
} from "../runtime/webhooks.ts";

export * from "../runtime/webhook-exports.ts";
export { STANDARD_WEBHOOKS_TOLERANCE_MS as LOOPS_WEBHOOK_TOLERANCE_MS } from "../runtime/standard-webhooks.ts";

/** Every webhook payload the spec documents, discriminated by `eventName`. */
export type LoopsWebhookEvent = {
  [K in keyof webhooks]: NonNullable<webhooks[K]["post"]["requestBody"]>["content"]["application/json"];
}[keyof webhooks];
export type LoopsWebhookEventName = LoopsWebhookEvent["eventName"];

/** `{ kind: "known", type, event }` narrows `event` by its literal `type` (the payload's `eventName`). */
export type LoopsWebhook = WebhookEvent<LoopsWebhookEvent, "eventName">;
export type LoopsWebhookReceiver = WebhookReceiver<LoopsWebhookEvent, "eventName">;

/** The spec's event names, in spec order. */
export const loopsWebhookEventNames = webhookTable.map((w) => w.event) as readonly LoopsWebhookEventName[];

export interface LoopsWebhookOptions {
  /** Your endpoint's signing secret (Settings → Webhooks), `whsec_…`. */
  secret: string;
  /** Refuse a delivery whose `webhook-timestamp` is further than this from now. Default 5 minutes. */
  toleranceMs?: number | undefined;
  /** Remembers `webhook-id`s (see `ClaimEvent`): a redelivered message comes back as `duplicate`. */
  claimEvent?: ClaimEvent | undefined;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBytes?: number | undefined;
  /** Clock (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A receiver with `verify(rawBody, headers)`, `fromRequest(request)` and `fromNode(req)`. Throws
 * `WebhookVerificationError`. Loops sends at most 10 events a second and publishes no retry
 * schedule; answer `200` first and do the work after.
 */
export function loopsWebhooks(options: LoopsWebhookOptions): LoopsWebhookReceiver {
  const { claimEvent } = options ?? {};
  return createWebhookReceiver<LoopsWebhookEvent, "eventName">({
    verify: standardWebhooks({ secret: options?.secret, toleranceMs: options?.toleranceMs, now: options?.now }),
    discriminator: "eventName",
    schemas: webhookSchemas,
    maxBytes: options?.maxBytes,
    ...(claimEvent && {
      dedupe: {
        eventId: (_payload: unknown, headers: HeadersLike) => headerValue(headers, "webhook-id"),
        claim: claimEvent,
      },
    }),
  });
}

/** One-shot form of `loopsWebhooks(options).verify(rawBody, headers)`. */
export function verifyLoopsWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: LoopsWebhookOptions,
): Promise<LoopsWebhook> {
  return loopsWebhooks(options).verify(rawBody, headers);
}
