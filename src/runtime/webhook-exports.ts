/** What every webhook receiver entry (`loop-api-clients/<api>-webhooks`) exports besides its own receiver. */
export {
  WebhookVerificationError,
  type ClaimEvent,
  type HeadersLike,
  type NodeRequestLike,
  type RawBody,
  type RequestLike,
  type WebhookEvent,
  type WebhookFailure,
} from "./webhooks.ts";
