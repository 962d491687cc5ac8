/**
 * LoopMessage webhooks: the organization's `webhook_header` value arrives verbatim in
 * `Authorization`; it is compared with the configured secret in constant time before the body is
 * parsed, and the payload is then typed by its `event`. Platform-neutral (Web Crypto).
 */
import { webhookSchemas } from "../../generated/loopmessage/webhook-schemas.ts";
import { sharedSecretHeader } from "../runtime/webhook-signatures.ts";
import {
  type ClaimEvent,
  createWebhookReceiver,
  type HeadersLike,
  type RawBody,
  type WebhookEvent,
  type WebhookReceiver,
} from "../runtime/webhooks.ts";
import type { LoopMessageWebhookEvent, LoopMessageWebhookEventName } from "./loopmessage.ts";

export type { LoopMessageWebhookEvent, LoopMessageWebhookEventName } from "./loopmessage.ts";
export * from "../runtime/webhook-exports.ts";

/** Every `event` value the spec lists, from the generated schemas. */
export const loopMessageWebhookEvents = Object.keys(webhookSchemas.events) as LoopMessageWebhookEventName[];

/** `type` is the literal event name: `if (r.kind === "known" && r.type === "message_failed") r.event.error_code`. */
export type LoopMessageWebhookResult = WebhookEvent<LoopMessageWebhookEvent, "event">;
export type LoopMessageWebhookReceiver = WebhookReceiver<LoopMessageWebhookEvent, "event">;

export interface LoopMessageWebhookOptions {
  /** The organization's `webhook_header` value. */
  secret: string;
  /** Remembers `webhook_id`s (see `ClaimEvent`): a redelivery comes back as `duplicate`. */
  claimEvent?: ClaimEvent | undefined;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBytes?: number | undefined;
}

/**
 * A receiver with `verify(rawBody, headers)`, `fromRequest(request)` and `fromNode(req)`. Throws
 * `WebhookVerificationError`. LoopMessage counts a delivery as received only on a `200` within
 * 15 s, and otherwise retries it up to 30 times (10 every 30 s, 10 every 3 min, 10 every 15 min),
 * so answer first and do the work after.
 */
export function loopMessageWebhooks(options: LoopMessageWebhookOptions): LoopMessageWebhookReceiver {
  const { claimEvent } = options ?? {};
  return createWebhookReceiver<LoopMessageWebhookEvent, "event">({
    verify: sharedSecretHeader({ secret: options?.secret, header: "Authorization" }),
    discriminator: "event",
    schemas: webhookSchemas,
    maxBytes: options?.maxBytes,
    ...(claimEvent && {
      dedupe: {
        eventId: (payload) => {
          const id = (payload as { webhook_id?: unknown } | null)?.webhook_id;
          return typeof id === "string" ? id : undefined;
        },
        claim: claimEvent,
      },
    }),
  });
}

/** One-shot form of `loopMessageWebhooks(options).verify(rawBody, headers)`. */
export function verifyLoopMessageWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: LoopMessageWebhookOptions,
): Promise<LoopMessageWebhookResult> {
  return loopMessageWebhooks(options).verify(rawBody, headers);
}
