/**
 * Webhook verification: verify the raw bytes first, parse second.
 *
 * Two verifiers share one shape, `(rawBody, headers) => void` (throws `WebhookVerificationError`):
 * - `hmacVerifier`: HMAC-SHA256 of the raw body with the webhook secret, compared with a header
 *   (LifeLoop: `X-LifeLoop-Signature`, hex, optionally `sha256=`-prefixed; base64 as an option);
 * - `headerSecretVerifier`: the configured secret sent verbatim in a header (LoopMessage:
 *   `Authorization`).
 * Both compare in constant time (node:crypto timingSafeEqual on equal-length buffers).
 *
 * `createWebhookReceiver` then parses the verified body and checks its discriminator against the
 * caller's list of known event names: known events come back typed, unknown ones are returned
 * as `{ kind: 'unknown' }`, never dropped. Entry points: raw body + headers, a Web `Request`, a
 * Node `IncomingMessage` (reads the raw body itself; do not put a JSON body parser before it).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { registerSecret } from "./redact.ts";

export type WebhookFailure =
  | "missing_header"
  | "malformed_header"
  | "signature_mismatch"
  | "secret_mismatch"
  | "invalid_payload"
  | "body_too_large";

export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
  }
}

export type RawBody = string | Uint8Array | ArrayBuffer;
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;
export type WebhookVerifier = (rawBody: RawBody, headers: HeadersLike) => void;

const toBytes = (body: RawBody): Uint8Array =>
  typeof body === "string" ? Buffer.from(body, "utf8") : body instanceof Uint8Array ? body : new Uint8Array(body);

function header(headers: HeadersLike, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? v.join(", ") : v;
}

function requireHeader(headers: HeadersLike, name: string): string {
  const value = header(headers, name)?.trim();
  if (!value) throw new WebhookVerificationError("missing_header", `Webhook header ${name} is missing.`);
  return value;
}

function checkSecret(secret: string, what: string): string {
  if (typeof secret !== "string" || !secret) throw new TypeError(`${what}: a non-empty webhook secret is required.`);
  registerSecret(secret);
  return secret;
}

export interface HmacVerifierOptions {
  secret: string;
  /** Default `X-LifeLoop-Signature`. */
  header?: string;
  /** Signature encoding. Default `hex`. */
  encoding?: "hex" | "base64";
  /** Optional prefix before the signature, matched case-insensitively. Default `sha256=`. */
  prefix?: string;
}

/** HMAC-SHA256 over the raw body; LifeLoop by default. */
export function hmacVerifier(options: HmacVerifierOptions): WebhookVerifier {
  const secret = checkSecret(options.secret, "hmacVerifier");
  const name = options.header ?? "X-LifeLoop-Signature";
  const encoding = options.encoding ?? "hex";
  const prefix = (options.prefix ?? "sha256=").toLowerCase();
  const shape = encoding === "hex" ? /^[0-9a-f]{64}$/i : /^[A-Za-z0-9+/]{43}=$/;
  return (rawBody, headers) => {
    let sig = requireHeader(headers, name);
    if (prefix && sig.toLowerCase().startsWith(prefix)) sig = sig.slice(prefix.length);
    // Exact shape (and, for base64, canonical form) so that only one string encodes a given MAC.
    const given = shape.test(sig) ? Buffer.from(sig, encoding) : undefined;
    if (!given || (encoding === "base64" && given.toString("base64") !== sig)) {
      throw new WebhookVerificationError(
        "malformed_header",
        `Webhook header ${name} is not a ${encoding} HMAC-SHA256 signature.`,
      );
    }
    const expected = createHmac("sha256", secret).update(toBytes(rawBody)).digest();
    if (!timingSafeEqual(expected, given)) {
      throw new WebhookVerificationError("signature_mismatch", "Webhook signature does not match the body.");
    }
  };
}

export interface HeaderSecretVerifierOptions {
  secret: string;
  /** Default `Authorization`. */
  header?: string;
}

/** The shared secret sent verbatim in a header; LoopMessage by default. */
export function headerSecretVerifier(options: HeaderSecretVerifierOptions): WebhookVerifier {
  const secret = checkSecret(options.secret, "headerSecretVerifier");
  const name = options.header ?? "Authorization";
  // Hash both sides: equal-length inputs for timingSafeEqual whatever was sent.
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  const expected = digest(secret);
  return (_rawBody, headers) => {
    const given = header(headers, name);
    if (given === undefined || given === "") {
      throw new WebhookVerificationError("missing_header", `Webhook header ${name} is missing.`);
    }
    if (!timingSafeEqual(expected, digest(given))) {
      throw new WebhookVerificationError(
        "secret_mismatch",
        `Webhook header ${name} does not hold the configured secret.`,
      );
    }
  };
}

/**
 * A verified delivery. With the discriminator `K` given, `known` is a union with one member per
 * event of `E`, whose `type` is that event's literal name: narrowing on `type` narrows `event`.
 */
export type WebhookEvent<E, K extends PropertyKey = never> =
  KnownWebhookEvent<E, K> | { kind: "unknown"; type: string | undefined; payload: unknown };

export type KnownWebhookEvent<E, K extends PropertyKey = never> = [K] extends [never]
  ? { kind: "known"; type: string; event: E }
  : E extends { readonly [P in K]: infer T }
    ? { kind: "known"; type: T & string; event: E }
    : never;

export interface WebhookReceiverOptions<E, K extends keyof E & string> {
  verify: WebhookVerifier;
  /** The field naming the event, e.g. `type`, `event`, `alert_type`. */
  discriminator: K;
  /** The event names the caller's union `E` covers. */
  events: readonly E[K][];
  /** Largest body read by `fromNode`. Default 1 MiB. */
  maxBytes?: number;
}

export interface WebhookReceiver<E, K extends PropertyKey = never> {
  /** Verify then parse a raw body (exact bytes received) with its headers. */
  verify(rawBody: RawBody, headers: HeadersLike): WebhookEvent<E, K>;
  /** Same, from a Web `Request` (fetch handlers, Next.js, Hono, Workers). */
  fromRequest(request: Request): Promise<WebhookEvent<E, K>>;
  /** Same, from a Node `http.IncomingMessage` whose body has not been read yet. */
  fromNode(request: IncomingMessage): Promise<WebhookEvent<E, K>>;
}

export function createWebhookReceiver<E extends object, K extends keyof E & string = keyof E & string>(
  options: WebhookReceiverOptions<E, K>,
): WebhookReceiver<E, K> {
  const known = new Set<unknown>(options.events);
  const maxBytes = options.maxBytes ?? 1 << 20;
  const verify = (rawBody: RawBody, headers: HeadersLike): WebhookEvent<E, K> => {
    options.verify(rawBody, headers);
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(toBytes(rawBody)));
    } catch {
      throw new WebhookVerificationError("invalid_payload", "Webhook body is not valid UTF-8 JSON.");
    }
    const type =
      payload && typeof payload === "object" ? (payload as Record<string, unknown>)[options.discriminator] : undefined;
    return typeof type === "string" && known.has(type)
      ? ({ kind: "known", type, event: payload } as KnownWebhookEvent<E, K>)
      : { kind: "unknown", type: typeof type === "string" ? type : undefined, payload };
  };
  return {
    verify,
    async fromRequest(request) {
      return verify(new Uint8Array(await request.arrayBuffer()), request.headers);
    },
    async fromNode(request) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
        size += buf.length;
        if (size > maxBytes)
          throw new WebhookVerificationError("body_too_large", `Webhook body exceeds ${maxBytes} bytes.`);
        chunks.push(buf);
      }
      return verify(Buffer.concat(chunks), request.headers);
    },
  };
}
