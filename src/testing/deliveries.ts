/**
 * Webhook deliveries as each vendor sends them, for testing a receiver: the spec's example of the
 * event, completed with a fresh id and time and with what the caller overrides, signed with the
 * caller's secret the way the package's receivers verify it (LifeLoop: hex HMAC-SHA256 of the body
 * in `X-LifeLoop-Signature`; Loops: Standard Webhooks; LoopMessage: the secret in `Authorization`).
 * Options make a delivery the receiver must refuse or flag: `stale`, `tampered`, `forged`, and `id`
 * (the same id twice is a redelivery, which a receiver with `claimEvent` reports as `duplicate`).
 */
import { Webhook } from "standardwebhooks";
import { examples as lifeloopExamples } from "../../generated/lifeloop/examples.ts";
import { examples as loopMessageExamples } from "../../generated/loopmessage/examples.ts";
import { examples as loopsExamples } from "../../generated/loops/examples.ts";
import type { LifeLoopWebhookEvent } from "../clients/lifeloop.ts";
import type { LoopMessageWebhookEvent } from "../clients/loopmessage.ts";
import type { LoopsWebhookEvent } from "../clients/loops-webhooks.ts";
import { hmac, hmacKey } from "../runtime/webhook-signatures.ts";
import { utf8 } from "../runtime/webhooks.ts";

/** Every property optional, at every depth (arrays are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** An event name, or a payload naming its event with any of its fields overridden. */
export type EventInput<E, K extends keyof E> = E[K] | ({ [P in K]: E[K] } & DeepPartial<E>);

export interface DeliveryOptions {
  /** The secret your receiver is configured with. */
  secret: string;
  /** Where the delivery is addressed. Default `https://example.com/webhooks/<api>`. */
  url?: string;
  /** The delivery's event id; send two deliveries with one id to test redelivery. Default: a fresh one. */
  id?: string;
}

export interface SignedDeliveryOptions extends DeliveryOptions {
  /** When the event happened and the delivery was sent. Default: now. */
  at?: Date;
  /** Dated well outside the receiver's default tolerance (correctly signed): it refuses it as `stale_timestamp`. */
  stale?: boolean;
  /** The body changed after signing: the receiver refuses it as `signature_mismatch`. */
  tampered?: boolean;
}

export interface LoopMessageDeliveryOptions extends DeliveryOptions {
  /** `Authorization` holds another value than the secret: the receiver refuses it as `secret_mismatch`. */
  forged?: boolean;
}

const LIFELOOP_STALE_MS = 48 * 3_600_000; // twice the receiver's default tolerance (24 hours)
const LOOPS_STALE_MS = 10 * 60_000; // twice Standard Webhooks' default tolerance (5 minutes)

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

/** The spec's example of the event, with `fill` (fields that the example has) and then the caller's fields applied. */
function payload(
  examples: Record<string, unknown>,
  discriminator: string,
  event: unknown,
  fill: Record<string, unknown>,
  api: string,
): Record<string, unknown> {
  const overrides = isPlainObject(event) ? event : { [discriminator]: event };
  const name = overrides[discriminator];
  if (typeof name !== "string" || !Object.hasOwn(examples, name)) {
    throw new TypeError(
      `${api}: \`${String(name)}\` is not an event of the spec (${Object.keys(examples).join(", ")}).`,
    );
  }
  const example = examples[name] as Record<string, unknown>;
  const filled = Object.fromEntries(Object.entries(fill).filter(([key]) => Object.hasOwn(example, key)));
  return merge({ ...example, ...filled }, overrides) as Record<string, unknown>;
}

const tamper = (body: Record<string, unknown>) => JSON.stringify({ ...body, tampered: true });

async function hmacHex(secret: string, text: string): Promise<string> {
  const mac = await hmac(hmacKey(utf8.encode(secret)), utf8.encode(text));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const request = (url: string, body: string, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

/** A LifeLoop delivery: the body signed with hex HMAC-SHA256 in `X-LifeLoop-Signature` (`sha256=` prefix). */
export async function lifeloopDelivery(
  event: EventInput<LifeLoopWebhookEvent, "eventType">,
  options: SignedDeliveryOptions,
): Promise<Request> {
  const at = (options.at ?? new Date()).getTime() - (options.stale ? LIFELOOP_STALE_MS : 0);
  const fill = { eventId: options.id ?? `evt-${crypto.randomUUID()}`, occurredAt: new Date(at).toISOString() };
  const body = payload(lifeloopExamples.webhooks, "eventType", event, fill, "lifeloopDelivery");
  const text = JSON.stringify(body);
  const signature = `sha256=${await hmacHex(options.secret, text)}`;
  return request(options.url ?? "https://example.com/webhooks/lifeloop", options.tampered ? tamper(body) : text, {
    "x-lifeloop-signature": signature,
  });
}

/** A Loops delivery, signed with Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
export async function loopsDelivery(
  event: EventInput<LoopsWebhookEvent, "eventName">,
  options: SignedDeliveryOptions,
): Promise<Request> {
  const at = (options.at ?? new Date()).getTime() - (options.stale ? LOOPS_STALE_MS : 0);
  const seconds = Math.floor(at / 1000);
  const body = payload(loopsExamples.webhooks, "eventName", event, { eventTime: seconds }, "loopsDelivery");
  const text = JSON.stringify(body);
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  let signer: Webhook;
  try {
    signer = new Webhook(options.secret);
  } catch {
    throw new TypeError("loopsDelivery: `secret` is not a Standard Webhooks secret (`whsec_` and base64).");
  }
  return request(options.url ?? "https://example.com/webhooks/loops", options.tampered ? tamper(body) : text, {
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": signer.sign(id, new Date(seconds * 1000), text),
  });
}

/** A LoopMessage delivery: the organization's webhook secret in `Authorization`. */
export async function loopMessageDelivery(
  event: EventInput<LoopMessageWebhookEvent, "event">,
  options: LoopMessageDeliveryOptions,
): Promise<Request> {
  const fill = { webhook_id: options.id ?? crypto.randomUUID() };
  const body = payload(loopMessageExamples.webhooks, "event", event, fill, "loopMessageDelivery");
  return request(options.url ?? "https://example.com/webhooks/loopmessage", JSON.stringify(body), {
    authorization: options.forged ? `not-${options.secret}` : options.secret,
  });
}
