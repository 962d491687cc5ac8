/**
 * How LifeLoop and LoopMessage prove a webhook delivery is theirs (Loops' Standard Webhooks scheme
 * is in standard-webhooks.ts, so that the others do not bundle its library). Each function checks its options at
 * construction (the secret as a credential is: trimmed, 8 characters or more, registered for
 * redaction, a MissingCredentialError naming the option, never its value), and returns a `WebhookVerifier`. Comparisons are constant-time; hashing is Web Crypto
 * (`crypto.subtle`), present in Node ≥ 20, Bun, Deno, browsers and Workers.
 */
import { requireCredential } from "./auth.ts";
import {
  constantTimeEqual,
  headerValue,
  requireHeader,
  utf8,
  WebhookVerificationError,
  type WebhookVerifier,
} from "./webhooks.ts";

/** An HMAC-SHA256 key; the testing kit signs its deliveries with the same two functions. */
export const hmacKey = (secret: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

// Web Crypto's types want an ArrayBuffer-backed view; the bytes of a delivery are exactly that.
export const hmac = async (key: Promise<CryptoKey>, data: Uint8Array) =>
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
  const secret = requireCredential(options.secret, "webhook `secret`");
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
  const secret = requireCredential(options.secret, "webhook `secret`");
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
