/**
 * Standard Webhooks (Loops): `webhook-signature` holds one or more space-separated `v1,<base64>`
 * HMAC-SHA256 signatures of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64 part of
 * a `whsec_` secret, over the exact bytes received. The `standardwebhooks` library computes the
 * expected signature; the comparison (constant-time) and the timestamp tolerance are ours, so that
 * the tolerance can be configured.
 */
import { Webhook } from "standardwebhooks";
import { requireCredential } from "./auth.ts";
import { numberOption } from "./options.ts";
import { constantTimeEqual, requireHeader, utf8, WebhookVerificationError, type WebhookVerifier } from "./webhooks.ts";

export interface StandardWebhooksOptions {
  /** The endpoint's signing secret, `whsec_` followed by base64. */
  secret: string;
  /** How far `webhook-timestamp` may be from now. Default 5 minutes. */
  toleranceMs?: number | undefined;
  /** Clock (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

export const STANDARD_WEBHOOKS_TOLERANCE_MS = 5 * 60_000;

/** A verifier of Standard Webhooks deliveries; throws `WebhookVerificationError`. */
export function standardWebhooks(options: StandardWebhooksOptions): WebhookVerifier {
  const secret = requireCredential(options.secret, "webhook `secret`");
  const toleranceMs = numberOption(options.toleranceMs, "toleranceMs", STANDARD_WEBHOOKS_TOLERANCE_MS, 1);
  const now = options.now ?? Date.now;
  let signer: Webhook;
  try {
    signer = new Webhook(secret);
  } catch {
    throw new TypeError("webhook `secret` is not a Standard Webhooks secret (`whsec_` and base64).");
  }
  return async (body, headers) => {
    const id = requireHeader(headers, "webhook-id");
    const timestamp = requireHeader(headers, "webhook-timestamp");
    const signatures = requireHeader(headers, "webhook-signature");
    if (!/^\d{1,15}$/.test(timestamp)) {
      throw new WebhookVerificationError("malformed_header", "Webhook header webhook-timestamp is not Unix seconds.");
    }
    const sentAt = Number(timestamp) * 1000;
    if (Math.abs(now() - sentAt) > toleranceMs) {
      throw new WebhookVerificationError(
        "stale_timestamp",
        `Webhook timestamp is more than ${toleranceMs} ms away from now (a replay, or a clock off).`,
      );
    }
    let payload: string;
    try {
      // `ignoreBOM`: a leading BOM is a byte of the body; dropping it would verify bytes never signed.
      payload = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw new WebhookVerificationError("invalid_payload", "Webhook body is not valid UTF-8.");
    }
    const expected = utf8.encode(signer.sign(id, new Date(sentAt), payload).slice("v1,".length));
    // `v1,<base64>` entries, space-separated; as in the reference library, what follows a second
    // comma is ignored, so two header lines joined with ", " read as their two signatures.
    const matches = signatures.split(" ").some((entry) => {
      const [version, signature] = entry.split(",");
      return version === "v1" && !!signature && constantTimeEqual(utf8.encode(signature), expected);
    });
    if (!matches) throw new WebhookVerificationError("signature_mismatch", "No webhook signature matches the body.");
  };
}
