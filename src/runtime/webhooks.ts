/**
 * Webhook receivers: read the raw bytes (within a size limit), verify them, and only then parse and
 * classify the delivery. Platform-neutral: no `node:` module, only what Node ≥ 20, Bun, Deno,
 * browsers and Workers all have (TextDecoder, Web Crypto in the verifiers of webhook-signatures.ts).
 *
 * A verified delivery comes back as one of:
 *   known      an event the spec lists, whose payload matches its schema (typed by its name)
 *   invalid    an event the spec lists whose payload does not match its schema (`problems` say where)
 *   unknown    an event the spec does not list (acknowledge it: vendors add events)
 *   duplicate  an event whose id the caller's `claimEvent` hook has seen before (acknowledge it)
 * Anything that cannot be trusted (a bad signature, a stale timestamp, a body over the limit, bytes
 * that are not JSON) throws a `WebhookVerificationError` with a `reason`, never the secret.
 */
import { brand } from "./brand.ts";
import { Validator } from "@cfworker/json-schema";
import { numberOption } from "./options.ts";

export type WebhookFailure =
  | "missing_header"
  | "malformed_header"
  | "signature_mismatch"
  | "secret_mismatch"
  | "stale_timestamp"
  | "invalid_payload"
  | "body_too_large";

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
  }
}
brand(WebhookVerificationError, "WebhookVerificationError");

/** The body exactly as received. A string is taken as its UTF-8 bytes. */
export type RawBody = string | Uint8Array | ArrayBuffer;
/** A `Headers` object, or a plain object of header values (Node's `req.headers`, any case). */
export type HeadersLike = { get(name: string): string | null } | Record<string, string | string[] | undefined>;
/** What `fromRequest` reads of a Web `Request` (fetch handlers, Next.js, Hono, Workers, Deno, Bun). */
export interface RequestLike {
  readonly headers: { get(name: string): string | null };
  readonly body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
}
/** What `fromNode` reads of a Node `http.IncomingMessage` whose body has not been consumed yet. */
export interface NodeRequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string>;
}

/** Checks one delivery; throws `WebhookVerificationError`. */
export type WebhookVerifier = (body: Uint8Array, headers: HeadersLike) => Promise<void>;

const DEFAULT_MAX_WEBHOOK_BYTES = 1 << 20;
/** How long a claimed id is kept when the receiver checks no delivery time. */
const DEFAULT_CLAIM_MS = 24 * 3_600_000;

export const utf8 = new TextEncoder();

export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers.get as (n: string) => string | null)(name) ?? undefined;
  const plain = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(plain).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : plain[key];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function requireHeader(headers: HeadersLike, name: string): string {
  const value = headerValue(headers, name)?.trim();
  if (!value) throw new WebhookVerificationError("missing_header", `Webhook header ${name} is missing.`);
  return value;
}

const tooLarge = (maxBytes: number) =>
  new WebhookVerificationError("body_too_large", `Webhook body exceeds ${maxBytes} bytes.`);

function toBytes(body: RawBody, maxBytes: number): Uint8Array {
  const bytes = typeof body === "string" ? utf8.encode(body) : body instanceof Uint8Array ? body : new Uint8Array(body);
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

/** Concatenates chunks as they arrive, failing as soon as the total passes `maxBytes`. */
async function collect(chunks: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === "string" ? utf8.encode(chunk) : chunk;
    size += part.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    parts.push(part);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

async function* streamChunks(body: NonNullable<RequestLike["body"]>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value) yield value;
    }
    finished = true;
  } finally {
    // Stop the sender when we gave up early (too large): nothing more of this body is wanted.
    if (!finished) await reader.cancel().catch(() => {});
  }
}

/** A declared Content-Length over the limit is refused before any byte is read. */
function checkDeclaredLength(headers: HeadersLike, maxBytes: number): void {
  const declared = Number(headerValue(headers, "content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * A verified delivery. With the discriminator `K` given, `known` is a union with one member per
 * event of `E`, whose `type` is that event's literal name: narrowing on `type` narrows `event`.
 */
export type WebhookEvent<E, K extends PropertyKey = never> =
  | KnownWebhookEvent<E, K>
  | { kind: "invalid"; type: string; payload: unknown; problems: string[] }
  | { kind: "unknown"; type: string | undefined; payload: unknown }
  | { kind: "duplicate"; type: string | undefined; id: string; payload: unknown };

export type KnownWebhookEvent<E, K extends PropertyKey = never> = [K] extends [never]
  ? { kind: "known"; type: string; event: E }
  : E extends { readonly [P in K]: infer T }
    ? { kind: "known"; type: T & string; event: E }
    : never;

/** The JSON schemas of the spec's events, as `generated/<api>/webhook-schemas.ts` holds them. */
export interface WebhookSchemas {
  $defs: Record<string, unknown>;
  /** Event name → JSON pointer of its payload schema in `$defs`. */
  events: Record<string, string>;
}

/**
 * Remembers event ids. Resolve `true` the first time an id is claimed and `false` for every later
 * claim of the same id until `expiresAt` (keep it at least that long). Claim atomically (e.g. a
 * database insert, Redis `SET NX`) when several processes receive deliveries.
 */
export type ClaimEvent = (id: string, expiresAt: Date) => boolean | Promise<boolean>;

export interface WebhookReceiverOptions<E, K extends keyof E & string> {
  verify: WebhookVerifier;
  /** The payload field naming the event, e.g. `eventType`, `event`, `eventName`. */
  discriminator: K;
  /** The spec's event schemas; events outside `events` come back as `unknown`. */
  schemas: WebhookSchemas;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBytes?: number | undefined;
  /** Refuse deliveries whose time (read from the verified delivery) is further than `toleranceMs` from now. */
  freshness?: { occurredAt: (payload: unknown, headers: HeadersLike) => string | undefined; toleranceMs: number };
  /** Report a second delivery of one event id as `duplicate`. */
  dedupe?: { eventId: (payload: unknown, headers: HeadersLike) => string | undefined; claim: ClaimEvent };
  /** Clock for the freshness check (tests). Default `Date.now`. */
  now?: (() => number) | undefined;
}

export interface WebhookReceiver<E, K extends PropertyKey = never> {
  /** Verify, then parse and classify a raw body (the exact bytes received) with its headers. */
  verify(rawBody: RawBody, headers: HeadersLike): Promise<WebhookEvent<E, K>>;
  /** Same, reading the body of a Web `Request`. */
  fromRequest(request: RequestLike): Promise<WebhookEvent<E, K>>;
  /** Same, reading the body of a Node `http.IncomingMessage` (put no body parser before it). */
  fromNode(request: NodeRequestLike): Promise<WebhookEvent<E, K>>;
}

function validators(schemas: WebhookSchemas): (type: string) => Validator | undefined {
  const made = new Map<string, Validator>();
  return (type) => {
    const pointer = Object.hasOwn(schemas.events, type) ? schemas.events[type] : undefined;
    if (pointer === undefined) return undefined;
    let validator = made.get(type);
    if (!validator) {
      validator = new Validator({ $defs: schemas.$defs, $ref: pointer } as never, "2020-12", false);
      made.set(type, validator);
    }
    return validator;
  };
}

export function createWebhookReceiver<E extends object, K extends keyof E & string = keyof E & string>(
  options: WebhookReceiverOptions<E, K>,
): WebhookReceiver<E, K> {
  const maxBytes = numberOption(options.maxBytes, "maxBytes", DEFAULT_MAX_WEBHOOK_BYTES, 1);
  const { discriminator, freshness, dedupe } = options;
  if (freshness) numberOption(freshness.toleranceMs ?? NaN, "toleranceMs", 0, 1);
  const now = options.now ?? Date.now;
  const validatorFor = validators(options.schemas);

  const classify = async (bytes: Uint8Array, headers: HeadersLike): Promise<WebhookEvent<E, K>> => {
    await options.verify(bytes, headers);
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      throw new WebhookVerificationError("invalid_payload", "Webhook body is not valid UTF-8 JSON.");
    }
    const field =
      payload && typeof payload === "object" ? (payload as Record<string, unknown>)[discriminator] : undefined;
    const type = typeof field === "string" ? field : undefined;

    // Ids are kept as long as a redelivery could still pass the freshness check.
    let keepUntil = now() + DEFAULT_CLAIM_MS;
    if (freshness) {
      const at = Date.parse(freshness.occurredAt(payload, headers) ?? "");
      if (Number.isNaN(at) || Math.abs(now() - at) > freshness.toleranceMs) {
        throw new WebhookVerificationError(
          "stale_timestamp",
          `Webhook delivery has no valid time, or it is more than ${freshness.toleranceMs} ms away from now.`,
        );
      }
      keepUntil = at + freshness.toleranceMs;
    }
    const id = dedupe?.eventId(payload, headers);
    if (dedupe && id !== undefined && !(await dedupe.claim(id, new Date(keepUntil)))) {
      return { kind: "duplicate", type, id, payload };
    }
    const validator = type === undefined ? undefined : validatorFor(type);
    if (!validator) return { kind: "unknown", type, payload };
    const result = validator.validate(payload);
    if (!result.valid) {
      const problems = result.errors
        .filter((e) => e.keyword !== "$ref" && e.keyword !== "properties" && e.keyword !== "allOf")
        .map((e) => `${e.instanceLocation.replace(/^#/, "") || "/"}: ${e.error}`);
      return { kind: "invalid", type: type!, payload, problems };
    }
    return { kind: "known", type, event: payload } as KnownWebhookEvent<E, K>;
  };

  return {
    verify: async (rawBody, headers) => classify(toBytes(rawBody, maxBytes), headers),
    async fromRequest(request) {
      checkDeclaredLength(request.headers, maxBytes);
      const bytes = request.body ? await collect(streamChunks(request.body), maxBytes) : new Uint8Array();
      return classify(bytes, request.headers);
    },
    async fromNode(request) {
      checkDeclaredLength(request.headers, maxBytes);
      return classify(await collect(request, maxBytes), request.headers);
    },
  };
}
