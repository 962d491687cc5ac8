// LoopMessage webhooks: every webhook example of the bundled spec verifies and parses to its
// event; bad or missing secrets are rejected (before parsing) with a clear reason that never
// contains the secret; events of types the spec does not list are returned, not dropped.
import { Readable } from "node:stream";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  loopMessageWebhookEvents,
  loopMessageWebhooks,
  type LoopMessageWebhookEventName,
  verifyLoopMessageWebhook,
  WebhookVerificationError,
} from "../../../src/clients/loopmessage-webhooks.ts";
import spec from "../../../generated/loopmessage/openapi.json" with { type: "json" };

const SECRET = "wh-secret-2f9c1a-SUPERSECRET";
const hooks = loopMessageWebhooks({ secret: SECRET });

const schemas = spec.components.schemas as Record<string, { properties?: { event?: { const?: string } } }>;
const mapping = spec.components.schemas.WebhookEvent.discriminator.mapping as Record<string, string>;

/** Every example of every webhook, with the `event` its schema pins. */
const examples = Object.entries(spec.webhooks as Record<string, any>).flatMap(([name, item]) => {
  const content = item.post.requestBody.content["application/json"];
  const schemaName = (content.schema.$ref as string).split("/").pop()!;
  const event = schemas[schemaName]?.properties?.event?.const;
  return Object.entries<{ value: Record<string, unknown> }>(content.examples).map(
    ([exampleName, example]) => [`${name}: ${exampleName}`, event, example.value] as const,
  );
});

async function rejection(fn: () => Promise<unknown>): Promise<WebhookVerificationError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookVerificationError);
    const error = e as WebhookVerificationError;
    for (const text of [error.message, String(error.stack), JSON.stringify(error), String(error)]) {
      expect(text).not.toContain(SECRET);
    }
    return error;
  }
  throw new Error("expected a WebhookVerificationError");
}

describe("LoopMessage webhooks", () => {
  it("checks a known event against its schema: a message_failed without error_code is invalid", async () => {
    const body = JSON.stringify({ event: "message_failed", webhook_id: "w1", message_id: "m1" });
    expect(await hooks.verify(body, { Authorization: SECRET })).toMatchObject({
      kind: "invalid",
      type: "message_failed",
      problems: [expect.stringMatching(/error_code/)],
    });
  });

  it("flags a redelivered webhook_id as a duplicate when asked to", async () => {
    const seen = new Set<string>();
    const once = loopMessageWebhooks({ secret: SECRET, claimEvent: (id) => !seen.has(id) && !!seen.add(id) });
    const body = JSON.stringify({ event: "inbound_call", webhook_id: "w9", contact: "+13231112233" });
    expect((await once.verify(body, { Authorization: SECRET })).kind).toBe("known");
    expect(await once.verify(body, { Authorization: SECRET })).toMatchObject({ kind: "duplicate", id: "w9" });
  });

  it("knows exactly the events of the spec union (its discriminator mapping)", () => {
    expect([...loopMessageWebhookEvents].sort()).toEqual(Object.keys(mapping).sort());
    expect(examples.length).toBeGreaterThanOrEqual(Object.keys(mapping).length);
    expect(new Set(examples.map(([, event]) => event))).toEqual(new Set(Object.keys(mapping)));
  });

  it("types `type` as the literal event name; narrowing on it narrows the event", async () => {
    const raw = JSON.stringify(examples.find(([, event]) => event === "message_failed")![2]);
    const result = await hooks.verify(raw, { authorization: SECRET });
    if (result.kind !== "known") throw new Error("expected a known event");
    expectTypeOf(result.type).toEqualTypeOf<LoopMessageWebhookEventName>();
    if (result.type !== "message_failed") throw new Error("expected message_failed");
    expectTypeOf(result.event.event).toEqualTypeOf<"message_failed">();
    expectTypeOf(result.event.error_code).toEqualTypeOf<number>();
    expect(typeof result.event.error_code).toBe("number");
  });

  describe.each(examples)("%s", (_name, event, payload) => {
    const raw = JSON.stringify(payload);

    it(`verifies and parses to ${event}`, async () => {
      const result = await hooks.verify(raw, { authorization: SECRET, "content-type": "application/json" });
      expect(result.kind).toBe("known");
      if (result.kind !== "known") return;
      expect(result.type).toBe(event);
      expect(result.event.event).toBe(event);
      expect(result.event).toEqual(payload);
    });

    it("verifies from a Web Request and with the one-shot helper", async () => {
      const request = new Request("https://hooks.example/loopmessage", {
        method: "POST",
        headers: { Authorization: SECRET, "Content-Type": "application/json" },
        body: raw,
      });
      const fromRequest = await hooks.fromRequest(request);
      expect(fromRequest).toMatchObject({ kind: "known", type: event });
      const oneShot = await verifyLoopMessageWebhook(
        new TextEncoder().encode(raw),
        new Headers({ Authorization: SECRET }),
        {
          secret: SECRET,
        },
      );
      expect(oneShot).toMatchObject({ kind: "known", type: event, event: payload });
    });

    it("is rejected with a wrong secret", async () => {
      const error = await rejection(() => hooks.verify(raw, { Authorization: "wh-secret-2f9c1b-SUPERSECRET" }));
      expect(error.reason).toBe("secret_mismatch");
    });
  });

  it("narrows the union by `event`", async () => {
    const body = JSON.stringify({ event: "message_failed", webhook_id: "w1", message_id: "m1", error_code: 500 });
    const result = await hooks.verify(body, { Authorization: SECRET });
    if (result.kind !== "known" || result.event.event !== "message_failed") throw new Error("not narrowed");
    const code: number = result.event.error_code;
    expect(code).toBe(500);
  });

  it.each([
    ["a wrong secret", { Authorization: "nope" }, "secret_mismatch"],
    ["a secret with a Bearer prefix", { Authorization: `Bearer ${SECRET}` }, "secret_mismatch"],
    ["a secret with trailing text", { Authorization: `${SECRET}x` }, "secret_mismatch"],
    ["a prefix of the secret", { Authorization: SECRET.slice(0, -1) }, "secret_mismatch"],
    ["a missing header", {}, "missing_header"],
    ["an empty header", { Authorization: "" }, "missing_header"],
    ["the secret in another header", { "X-Authorization": SECRET }, "missing_header"],
  ] as const)("rejects %s with a clear reason, before parsing the body", async (_name, headers, reason) => {
    // The body is not JSON: a verifier that parsed first would fail with invalid_payload instead.
    const error = await rejection(() => hooks.verify("{not json", headers as Record<string, string>));
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(/Authorization/);
  });

  it("rejects a verified body that is not JSON as invalid_payload", async () => {
    expect((await rejection(() => hooks.verify("{not json", { Authorization: SECRET }))).reason).toBe(
      "invalid_payload",
    );
  });

  it("accepts the documented `unknown` event type as a known event, typed by its shared fields", async () => {
    const payload = { event: "unknown", webhook_id: "w2", contact: "+13231112233" };
    const result = await hooks.verify(JSON.stringify(payload), { Authorization: SECRET });
    expect(result).toEqual({ kind: "known", type: "unknown", event: payload });
    if (result.kind === "known" && result.type === "unknown") expect(result.event.webhook_id).toBe("w2");
  });

  it.each([
    ["an event added later", { event: "message_edited", webhook_id: "w3", message_id: "m3" }, "message_edited"],
    ["a payload without event", { webhook_id: "w4" }, undefined],
  ])("returns %s as unknown, with its payload", async (_name, payload, type) => {
    const result = await hooks.verify(JSON.stringify(payload), { Authorization: SECRET });
    expect(result).toEqual({ kind: "unknown", type, payload });
  });

  it("reads a Node request body itself", async () => {
    const payload = { event: "inbound_call", webhook_id: "w5", contact: "+13231112233" };
    const req = Object.assign(Readable.from([Buffer.from(JSON.stringify(payload))]), {
      headers: { authorization: SECRET },
    });
    await expect(hooks.fromNode(req)).resolves.toEqual({ kind: "known", type: "inbound_call", event: payload });
  });

  it.each([
    ["empty", ""],
    ["missing", undefined],
  ])("refuses an %s secret at construction with a TypeError", (_name, secret) => {
    expect(() => loopMessageWebhooks({ secret: secret as string })).toThrow(TypeError);
  });
});
