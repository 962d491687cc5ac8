// Loops webhooks through the client's public helpers: Standard Webhooks signatures made here with
// node:crypto (independently of the library under test) verify; every spec example comes back as
// its typed event; tampering, other secrets, replays and unknown events are handled as documented.
import { createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  LOOPS_WEBHOOK_TOLERANCE_MS,
  loopsWebhookEventNames,
  loopsWebhooks,
  type LoopsWebhook,
  type LoopsWebhookEventName,
  verifyLoopsWebhook,
  WebhookVerificationError,
} from "../../../src/clients/loops-webhooks.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";

const KEY = randomBytes(24);
const SECRET = `whsec_${KEY.toString("base64")}`;
const NOW = Date.parse("2026-11-30T12:00:00Z");
const now = () => NOW;

function signed(body: string, options: { id?: string; at?: number; key?: Buffer } = {}) {
  const id = options.id ?? "msg_2p5jXN8AQM9LWM0D4loKWxJek";
  const at = Math.floor((options.at ?? NOW) / 1000);
  const signature = createHmac("sha256", options.key ?? KEY)
    .update(`${id}.${at}.${body}`)
    .digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(at), "webhook-signature": `v1,${signature}` };
}

async function reason(result: Promise<LoopsWebhook>) {
  try {
    await result;
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(KEY.toString("base64"));
    return e.reason;
  }
  return "accepted";
}

const spec = readBundledSpec(apiByName("loops"));
/** Every webhook's example (`example`, or each of `examples`). */
const examples = Object.entries<any>(spec.webhooks).flatMap(([name, item]) => {
  const content = item.post.requestBody.content["application/json"];
  const all: [string, unknown][] = content.example
    ? [["example", content.example]]
    : Object.entries<any>(content.examples ?? {}).map(([example, value]) => [example, value.value]);
  return all.map(([example, value]) => ({ name: `${name}: ${example}`, value: value as { eventName: string } }));
});

describe("Loops webhooks", () => {
  const receiver = loopsWebhooks({ secret: SECRET, now });

  it("knows the 17 events of the spec by their eventName", () => {
    expect(loopsWebhookEventNames).toHaveLength(Object.keys(spec.webhooks).length);
    expect(loopsWebhookEventNames).toContain("contact.created");
    expect(loopsWebhookEventNames).toContain("testing.testEvent");
    expect(new Set(examples.map((e) => e.value.eventName))).toEqual(new Set(loopsWebhookEventNames));
  });

  it("the HMAC covers the exact bytes: a UTF-8 BOM that was never signed does not verify", async () => {
    const body = JSON.stringify(examples[0]!.value);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    expect(await reason(receiver.verify(withBom, signed(body)))).toBe("signature_mismatch");
    // Bytes signed with their BOM verify (the BOM is part of what was signed).
    const bomText = new TextDecoder("utf-8", { ignoreBOM: true }).decode(withBom);
    expect((await receiver.verify(withBom, signed(bomText))).kind).toBe("known");
  });

  // Two `webhook-signature` header lines arrive joined with ", " (Node's req.headers, Headers.get).
  const joined = [
    { given: "valid first", order: (valid: string, other: string) => [valid, other] },
    { given: "valid last", order: (valid: string, other: string) => [other, valid] },
  ];
  for (const { given, order } of joined) {
    it(`two signature header lines joined with ", " (${given}) verify, as the standardwebhooks library does`, async () => {
      // On the real clock, which the reference library reads.
      const body = JSON.stringify(examples[0]!.value);
      const headers = signed(body, { at: Date.now() });
      const other = signed(body, { at: Date.now(), key: randomBytes(24) })["webhook-signature"];
      headers["webhook-signature"] = order(headers["webhook-signature"], other).join(", ");
      expect(new Webhook(SECRET).verify(body, headers)).toEqual(examples[0]!.value);
      expect((await loopsWebhooks({ secret: SECRET }).verify(body, headers)).kind).toBe("known");
    });
  }

  for (const { name, value } of examples) {
    it(`${name} verifies and comes back as ${value.eventName}`, async () => {
      const body = JSON.stringify(value);
      expect(await receiver.verify(body, signed(body))).toEqual({ kind: "known", type: value.eventName, event: value });
      expect(await reason(receiver.verify(`${body} `, signed(body)))).toBe("signature_mismatch");
    });
  }

  const body = JSON.stringify(examples.find((e) => e.value.eventName === "contact.created")!.value);
  it.each([
    ["another secret", () => signed(body, { key: randomBytes(24) }), "signature_mismatch"],
    ["another message id", () => ({ ...signed(body), "webhook-id": "msg_other" }), "signature_mismatch"],
    ["a replay 6 minutes later", () => signed(body, { at: NOW - 6 * 60_000 }), "stale_timestamp"],
    ["a timestamp 6 minutes ahead", () => signed(body, { at: NOW + 6 * 60_000 }), "stale_timestamp"],
    ["no signature", () => ({ ...signed(body), "webhook-signature": "" }), "missing_header"],
    [
      "a signature of the Svix v1a kind only",
      () => ({ ...signed(body), "webhook-signature": "v1a,abc" }),
      "signature_mismatch",
    ],
  ])("refuses %s", async (_name, headers, want) => {
    expect(await reason(receiver.verify(body, headers()))).toBe(want);
  });

  it("accepts one valid signature among several (a secret being rotated)", async () => {
    const h = signed(body);
    const old = signed(body, { key: randomBytes(24) })["webhook-signature"];
    expect((await receiver.verify(body, { ...h, "webhook-signature": `${old} ${h["webhook-signature"]}` })).kind).toBe(
      "known",
    );
  });

  it("narrows the event by its name", async () => {
    const got = await receiver.verify(body, signed(body));
    if (got.kind !== "known") throw new Error("expected a known event");
    expectTypeOf(got.type).toEqualTypeOf<LoopsWebhookEventName>();
    expect(got.type).toBe("contact.created");
  });

  it("returns an event the spec does not list as unknown, and a malformed known one as invalid", async () => {
    const unknown = JSON.stringify({ eventName: "contact.merged", eventTime: 1, webhookSchemaVersion: "1.0.0" });
    expect(await receiver.verify(unknown, signed(unknown))).toMatchObject({ kind: "unknown", type: "contact.merged" });
    const invalid = JSON.stringify({ eventName: "contact.created", webhookSchemaVersion: "1.0.0" });
    expect(await receiver.verify(invalid, signed(invalid))).toMatchObject({ kind: "invalid", type: "contact.created" });
  });

  it("flags a redelivered webhook-id as a duplicate when asked to", async () => {
    const seen = new Set<string>();
    const once = loopsWebhooks({ secret: SECRET, now, claimEvent: (id) => !seen.has(id) && !!seen.add(id) });
    expect((await once.verify(body, signed(body))).kind).toBe("known");
    // A retry is signed again with its own timestamp, under the same webhook-id.
    expect(await once.verify(body, signed(body, { at: NOW + 1000 }))).toMatchObject({ kind: "duplicate" });
  });

  it("the default tolerance is Standard Webhooks' 5 minutes", () => {
    expect(LOOPS_WEBHOOK_TOLERANCE_MS).toBe(5 * 60_000);
  });

  it("verifies a Web Request and with the one-shot helper", async () => {
    const request = new Request("https://hooks.example/loops", { method: "POST", body, headers: signed(body) });
    expect((await receiver.fromRequest(request)).kind).toBe("known");
    expect((await verifyLoopsWebhook(body, signed(body), { secret: SECRET, now })).kind).toBe("known");
  });

  it.each([
    ["a missing secret", { secret: "" }],
    ["a secret that is not base64", { secret: "whsec_not base64!" }],
  ])("refuses %s at construction", (_name, options) => {
    expect(() => loopsWebhooks(options)).toThrow(TypeError);
  });

  it("refuses a negative tolerance at construction with a RangeError, like every number option", () => {
    expect(() => loopsWebhooks({ secret: SECRET, toleranceMs: -5 })).toThrow(RangeError);
  });

  it("property: every validly signed delivery verifies; any change to body, id, time or signature does not", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.json(),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && !/[\s,]/.test(s)),
        fc.integer({ min: -290, max: 290 }),
        fc.integer({ min: 0, max: 3 }),
        async (text, id, skew, change) => {
          const at = NOW + skew * 1000;
          const headers = signed(text, { id, at });
          const ok = await reason(receiver.verify(text, headers));
          if (ok !== "accepted" && ok !== "invalid_payload") return false;
          const tampered =
            change === 0
              ? { text: `${text} `, headers }
              : change === 1
                ? { text, headers: { ...headers, "webhook-id": `${id}x` } }
                : change === 2
                  ? { text, headers: { ...headers, "webhook-timestamp": String(Math.floor(at / 1000) + 1) } }
                  : {
                      text,
                      headers: {
                        ...headers,
                        "webhook-signature": headers["webhook-signature"].replace(/.(?==?$)/, (c) =>
                          c === "A" ? "B" : "A",
                        ),
                      },
                    };
          return (await reason(receiver.verify(tampered.text, tampered.headers))) === "signature_mismatch";
        },
      ),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
