/**
 * How each vendor proves a webhook delivery is theirs. Each function checks its options at
 * construction (a TypeError naming the option, never its value), registers the secret for
 * redaction, and returns a `WebhookVerifier`. Comparisons are constant-time; hashing is Web Crypto
 * (`crypto.subtle`), present in Node ≥ 20, Bun, Deno, browsers and Workers.
 */
import { Webhook } from "standardwebhooks";
import { registerSecret } from "./redact.ts";
import {
  constantTimeEqual,
  headerValue,
  positiveNumber,
  requireHeader,
  WebhookVerificationError,
  type WebhookVerifier,
} from "./webhooks.ts";

const utf8 = new TextEncoder();

/**
 * The secret, trimmed: header values arrive without surrounding whitespace, so a secret pasted with
 * a trailing newline could otherwise never match.
 */
function webhookSecret(secret: unknown, what: string): string {
  const value = typeof secret === "string" ? secret.trim() : "";
  if (value.length < 6) throw new TypeError(`${what}: the webhook secret is missing or shorter than 6 characters.`);
  registerSecret(value);
  return value;
}

const hmacKey = (secret: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

// Web Crypto's types want an ArrayBuffer-backed view; the bytes of a delivery are exactly that.
const hmac = async (key: Promise<CryptoKey>, data: Uint8Array) =>
  new Uint8Array(await crypto.subtle.sign("HMAC", await key, data as Uint8Array<ArrayBuffer>));

function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(text)) return undefined;
  return Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
}

/** Decodes canonical base64 only, so that exactly one string encodes a given MAC. */
function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return btoa(String.fromCharCode(...bytes)) === text ? bytes : undefined;
}

export interface HmacSignatureOptions {
  secret: string;
  /** The header carrying the signature. */
  header: string;
  /** Signature encoding. Default `hex`. */
  encoding?: "hex" | "base64" | undefined;
  /** A prefix the signature may carry, matched case-insensitively (e.g. `sha256=`). */
  prefix?: string | undefined;
}

/** HMAC-SHA256 of the raw body with the shared secret, hex or base64, in one header (LifeLoop). */
export function hmacSignature(options: HmacSignatureOptions): WebhookVerifier {
  const secret = webhookSecret(options.secret, "webhook `secret`");
  const encoding = options.encoding ?? "hex";
  if (encoding !== "hex" && encoding !== "base64") throw new TypeError('webhook `encoding` must be "hex" or "base64".');
  const decode = encoding === "hex" ? fromHex : fromBase64;
  const prefix = (options.prefix ?? "").toLowerCase();
  let key: Promise<CryptoKey> | undefined;
  return async (body, headers) => {
    let signature = requireHeader(headers, options.header);
    if (prefix && signature.toLowerCase().startsWith(prefix)) signature = signature.slice(prefix.length);
    const given = decode(signature);
    if (given?.byteLength !== 32) {
      throw new WebhookVerificationError(
        "malformed_header",
        `Webhook header ${options.header} is not a ${encoding} HMAC-SHA256 signature.`,
      );
    }
    key ??= hmacKey(utf8.encode(secret));
    if (!constantTimeEqual(await hmac(key, body), given)) {
      throw new WebhookVerificationError("signature_mismatch", "Webhook signature does not match the body.");
    }
  };
}

export interface SharedSecretHeaderOptions {
  secret: string;
  /** The header carrying the secret. */
  header: string;
}

/** The shared secret itself, sent in a header (LoopMessage's `Authorization`). */
export function sharedSecretHeader(options: SharedSecretHeaderOptions): WebhookVerifier {
  const secret = webhookSecret(options.secret, "webhook `secret`");
  // Compare digests: equal lengths whatever was sent, so the time says nothing about the secret.
  const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
  let expected: Promise<Uint8Array> | undefined;
  return async (_body, headers) => {
    const given = headerValue(headers, options.header)?.trim();
    if (!given) throw new WebhookVerificationError("missing_header", `Webhook header ${options.header} is missing.`);
    expected ??= digest(secret);
    if (!constantTimeEqual(await expected, await digest(given))) {
      throw new WebhookVerificationError(
        "secret_mismatch",
        `Webhook header ${options.header} does not hold the configured secret.`,
      );
    }
  };
}

export interface StandardWebhooksOptions {
  /** The endpoint's signing secret, `whsec_` followed by base64. */
  secret: string;
  /** How far `webhook-timestamp` may be from now. Default 5 minutes. */
  toleranceMs?: number | undefined;
  /** Clock (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

export const STANDARD_WEBHOOKS_TOLERANCE_MS = 5 * 60_000;

/**
 * Standard Webhooks (Loops): `webhook-signature` holds one or more space-separated `v1,<base64>`
 * HMAC-SHA256 signatures of `<webhook-id>.<webhook-timestamp>.<body>`. The `standardwebhooks`
 * library computes the expected signature; the timestamp tolerance is ours, so it can be configured.
 */
export function standardWebhooks(options: StandardWebhooksOptions): WebhookVerifier {
  const secret = webhookSecret(options.secret, "webhook `secret`");
  const toleranceMs = positiveNumber(options.toleranceMs, "toleranceMs", STANDARD_WEBHOOKS_TOLERANCE_MS);
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
      payload = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      throw new WebhookVerificationError("invalid_payload", "Webhook body is not valid UTF-8.");
    }
    const expected = utf8.encode(signer.sign(id, new Date(sentAt), payload).slice("v1,".length));
    const matches = signatures
      .split(" ")
      .filter((entry) => entry.startsWith("v1,"))
      .some((entry) => constantTimeEqual(utf8.encode(entry.slice("v1,".length)), expected));
    if (!matches) throw new WebhookVerificationError("signature_mismatch", "No webhook signature matches the body.");
  };
}
