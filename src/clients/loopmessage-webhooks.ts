/**
 * LoopMessage webhooks: the organization's `webhook_header` value arrives verbatim in the
 * `Authorization` header. It is compared with the configured secret in constant time before the
 * body is parsed; the payload is then typed by its `event` (the spec's `WebhookEvent` union).
 * Events the spec does not list come back as `{ kind: 'unknown' }`; acknowledge them with 200.
 *
 *   const hooks = loopMessageWebhooks({ secret: process.env.LOOPMESSAGE_WEBHOOK_SECRET! });
 *   const result = await hooks.fromRequest(request);          // throws WebhookVerificationError
 *   if (result.kind === 'known' && result.event.event === 'message_inbound') reply(result.event);
 */
import {
  createWebhookReceiver,
  headerSecretVerifier,
  type HeadersLike,
  type RawBody,
  type WebhookEvent,
  type WebhookReceiver,
} from "../runtime/webhooks.ts";
import type { LoopMessageWebhookEvent, LoopMessageWebhookEventName } from "./loopmessage.ts";

export { WebhookVerificationError, type WebhookFailure } from "../runtime/webhooks.ts";
export type { LoopMessageWebhookEvent, LoopMessageWebhookEventName } from "./loopmessage.ts";

/** Every `event` value of the spec's union; `satisfies` fails the type check if the spec adds or drops one. */
const EVENT_NAMES = {
  message_inbound: true,
  "opt-in": true,
  message_scheduled: true,
  message_sent: true,
  message_delivered: true,
  message_failed: true,
  message_timeout: true,
  message_reaction: true,
  conversation_inited: true,
  group_created: true,
  inbound_call: true,
  sender_name_updated: true,
} as const satisfies Record<LoopMessageWebhookEventName, true>;

export const loopMessageWebhookEvents = Object.keys(EVENT_NAMES) as LoopMessageWebhookEventName[];

/** `type` is the literal event name: `if (r.kind === 'known' && r.type === 'message_failed') r.event.error_code`. */
export type LoopMessageWebhookResult = WebhookEvent<LoopMessageWebhookEvent, "event">;

export interface LoopMessageWebhookOptions {
  /** The organization's `webhook_header` value. */
  secret: string;
  /** Largest body read by `fromNode`. Default 1 MiB. */
  maxBytes?: number;
}

/** A receiver with `verify(rawBody, headers)`, `fromRequest(request)` and `fromNode(req)`. */
export function loopMessageWebhooks(
  options: LoopMessageWebhookOptions,
): WebhookReceiver<LoopMessageWebhookEvent, "event"> {
  return createWebhookReceiver<LoopMessageWebhookEvent, "event">({
    verify: headerSecretVerifier({ secret: options?.secret, header: "Authorization" }),
    discriminator: "event",
    events: loopMessageWebhookEvents,
    ...(options?.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
}

/** One-shot form of `loopMessageWebhooks(options).verify(rawBody, headers)`. */
export function verifyLoopMessageWebhook(
  rawBody: RawBody,
  headers: HeadersLike,
  options: LoopMessageWebhookOptions,
): LoopMessageWebhookResult {
  return loopMessageWebhooks(options).verify(rawBody, headers);
}
