// LifeLoop webhooks through the client's public helpers: the signature is checked before parsing,
// known events come back typed and checked against their schema, unknown ones are returned (not
// dropped), old deliveries are refused, repeated ones flagged, and the secret never reaches an
// error. The spec's own webhook examples (and the reference's sample) are signed and must verify.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  LIFELOOP_WEBHOOK_TOLERANCE_MS,
  lifeloopWebhookEventTypes,
  lifeloopWebhooks,
  verifyLifeLoopWebhook,
  WebhookVerificationError,
  type LifeLoopWebhook,
  type LifeLoopWebhookEventType,
  type LifeLoopWebhookOptions,
  type WebhookFailure,
} from "../../../src/clients/lifeloop-webhooks.ts";
import { webhooks } from "../../../generated/lifeloop/operations.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";

const SECRET = "whsec_lifeloop_unit_secret";
const HEADER = "X-LifeLoop-Signature";
const OCCURRED = "2026-06-18T10:30:00Z";
const now = () => Date.parse(OCCURRED) + 60_000;
const EVENT = {
  eventId: "evt-abc123",
  eventType: "resident.created",
  tenant: "sunrise-001",
  occurredAt: OCCURRED,
  resourceId: "res-001",
};
const BODY = JSON.stringify(EVENT);
const sign = (body: string, secret = SECRET, encoding: "hex" | "base64" = "hex") =>
  createHmac("sha256", secret).update(body).digest(encoding);

type Outcome = LifeLoopWebhook["kind"] | WebhookFailure;
async function run(result: Promise<LifeLoopWebhook>): Promise<{ outcome: Outcome; message?: string }> {
  try {
    return { outcome: (await result).kind };
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    return { outcome: e.reason, message: `${e.message} ${String(e)} ${JSON.stringify(e)}` };
  }
}
const verify = (body: string, headers: Record<string, string>, options: Partial<LifeLoopWebhookOptions> = {}) =>
  verifyLifeLoopWebhook(body, headers, { secret: SECRET, now, ...options });

describe("verifyLifeLoopWebhook", () => {
  const unknownBody = JSON.stringify({ ...EVENT, eventType: "resident.teleported" });
  const noResource = JSON.stringify({ ...EVENT, resourceId: undefined });
  const table: {
    name: string;
    body?: string;
    headers: Record<string, string>;
    options?: Partial<LifeLoopWebhookOptions>;
    want: Outcome;
  }[] = [
    { name: "valid hex", headers: { [HEADER]: sign(BODY) }, want: "known" },
    { name: "valid, sha256= prefix", headers: { [HEADER]: `sha256=${sign(BODY)}` }, want: "known" },
    { name: "valid, header name in lower case", headers: { "x-lifeloop-signature": sign(BODY) }, want: "known" },
    {
      name: "valid base64 (encoding option)",
      headers: { [HEADER]: sign(BODY, SECRET, "base64") },
      options: { encoding: "base64" },
      want: "known",
    },
    {
      name: "tampered body",
      body: BODY.replace("res-001", "res-002"),
      headers: { [HEADER]: sign(BODY) },
      want: "signature_mismatch",
    },
    {
      name: "signed with another secret",
      headers: { [HEADER]: sign(BODY, "whsec_someone_else") },
      want: "signature_mismatch",
    },
    {
      name: "verified with another secret",
      headers: { [HEADER]: sign(BODY) },
      options: { secret: "whsec_someone_else" },
      want: "signature_mismatch",
    },
    { name: "missing header", headers: {}, want: "missing_header" },
    { name: "empty header", headers: { [HEADER]: "" }, want: "missing_header" },
    { name: "non-hex header", headers: { [HEADER]: "z".repeat(64) }, want: "malformed_header" },
    { name: "hex of the wrong length", headers: { [HEADER]: sign(BODY).slice(0, 62) }, want: "malformed_header" },
    {
      name: "base64 when hex is expected",
      headers: { [HEADER]: sign(BODY, SECRET, "base64") },
      want: "malformed_header",
    },
    { name: "the secret itself in the header", headers: { [HEADER]: SECRET }, want: "malformed_header" },
    {
      name: "signed, but not JSON",
      body: "not json",
      headers: { [HEADER]: sign("not json") },
      want: "invalid_payload",
    },
    { name: "unknown event type", body: unknownBody, headers: { [HEADER]: sign(unknownBody) }, want: "unknown" },
    {
      name: "a known event without resourceId",
      body: noResource,
      headers: { [HEADER]: sign(noResource) },
      want: "invalid",
    },
    {
      name: "a delivery older than the tolerance (a replay)",
      headers: { [HEADER]: sign(BODY) },
      options: { now: () => Date.parse(OCCURRED) + LIFELOOP_WEBHOOK_TOLERANCE_MS + 1 },
      want: "stale_timestamp",
    },
    {
      name: "the last retry, 10.5 hours later, within the default tolerance",
      headers: { [HEADER]: sign(BODY) },
      options: { now: () => Date.parse(OCCURRED) + 10.5 * 3_600_000 },
      want: "known",
    },
    {
      name: "a shorter tolerance",
      headers: { [HEADER]: sign(BODY) },
      options: { toleranceMs: 30_000 },
      want: "stale_timestamp",
    },
  ];

  for (const t of table) {
    it(`${t.name} → ${t.want}`, async () => {
      const got = await run(verify(t.body ?? BODY, t.headers, t.options));
      expect(got.outcome).toBe(t.want);
      if (got.message !== undefined) {
        expect(got.message).not.toContain(SECRET);
        expect(got.message).not.toContain("whsec_someone_else");
      }
    });
  }

  it("verifies before parsing: a bad signature on a non-JSON body is a signature error", async () => {
    expect((await run(verify("not json", { [HEADER]: sign(BODY) }))).outcome).toBe("signature_mismatch");
  });

  it("returns an unknown event type with its payload, not dropped", async () => {
    const unknown = JSON.stringify({ ...EVENT, eventType: "resident.teleported" });
    expect(await verify(unknown, { [HEADER]: sign(unknown) })).toEqual({
      kind: "unknown",
      type: "resident.teleported",
      payload: JSON.parse(unknown),
    });
  });

  it("says what is wrong with an invalid known event", async () => {
    const body = JSON.stringify({ ...EVENT, resourceId: 7 });
    const got = await verify(body, { [HEADER]: sign(body) });
    expect(got).toMatchObject({
      kind: "invalid",
      type: "resident.created",
      problems: [expect.stringMatching(/^\/resourceId: /)],
    });
  });

  it("narrows a known event by eventType", async () => {
    const got = await verify(BODY, { [HEADER]: sign(BODY) });
    expect(got.kind).toBe("known");
    if (got.kind !== "known") return;
    expectTypeOf(got.event.eventType).toEqualTypeOf<LifeLoopWebhookEventType>();
    if (got.event.eventType === "resident.created") expect(got.event.resourceId).toBe("res-001");
  });

  it("flags a second delivery of one eventId as a duplicate", async () => {
    const seen = new Set<string>();
    const receiver = lifeloopWebhooks({ secret: SECRET, now, claimEvent: (id) => !seen.has(id) && !!seen.add(id) });
    expect((await receiver.verify(BODY, { [HEADER]: sign(BODY) })).kind).toBe("known");
    expect(await receiver.verify(BODY, { [HEADER]: sign(BODY) })).toMatchObject({
      kind: "duplicate",
      id: "evt-abc123",
    });
  });

  it("accepts raw bytes and a Web Request", async () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(
      (await verifyLifeLoopWebhook(bytes, new Headers({ [HEADER]: sign(BODY) }), { secret: SECRET, now })).kind,
    ).toBe("known");
    const request = new Request("https://example.org/hooks/lifeloop", {
      method: "POST",
      body: BODY,
      headers: { [HEADER]: sign(BODY) },
    });
    expect((await lifeloopWebhooks({ secret: SECRET, now }).fromRequest(request)).kind).toBe("known");
  });

  it.each([
    ["a blank secret", { secret: "" }],
    ["an unknown encoding", { secret: SECRET, encoding: "utf8" as "hex" }],
  ])("rejects %s at construction with a TypeError", (_name, options) => {
    expect(() => lifeloopWebhooks(options)).toThrow(TypeError);
  });

  it("rejects a negative tolerance at construction with a RangeError, like every number option", () => {
    expect(() => lifeloopWebhooks({ secret: SECRET, toleranceMs: -1 })).toThrow(RangeError);
  });

  it("knows exactly the spec's webhook event types", () => {
    expect([...lifeloopWebhookEventTypes]).toEqual(webhooks.map((w) => w.name));
    expect(lifeloopWebhookEventTypes.length).toBeGreaterThan(0);
  });
});

describe("the spec's webhook examples, signed", () => {
  const spec = readBundledSpec(apiByName("lifeloop"));
  const examples = Object.entries<any>(spec.webhooks).flatMap(([eventType, item]) =>
    Object.entries<any>(item.post.requestBody.content["application/json"].examples ?? {}).map(([name, ex]) => ({
      name,
      eventType,
      value: ex.value as Record<string, unknown>,
    })),
  );
  const seeds = (
    JSON.parse(readFileSync(new URL("../../fixtures/lifeloop/seed-examples.json", import.meta.url), "utf8")) as any[]
  )
    .filter((s) => s.kind === "webhook")
    .map((s) => ({ name: `reference sample ${s.name}`, eventType: s.where as string, value: s.json }));

  it("cover every webhook in the spec", () => {
    expect(new Set(examples.map((e) => e.eventType))).toEqual(new Set(lifeloopWebhookEventTypes));
    expect(seeds.length).toBeGreaterThan(0);
  });

  for (const { name, eventType, value } of [...examples, ...seeds]) {
    it(`${name} verifies and parses as ${eventType}`, async () => {
      const receiver = lifeloopWebhooks({ secret: SECRET, now: () => Date.parse(String(value.occurredAt)) });
      const raw = JSON.stringify(value, null, 2); // the exact bytes are what is signed, whitespace included
      for (const header of [sign(raw), `sha256=${sign(raw)}`]) {
        expect(await receiver.verify(raw, { [HEADER]: header })).toEqual({
          kind: "known",
          type: eventType,
          event: value,
        });
      }
      expect((await run(receiver.verify(raw.replace(/\s+/g, ""), { [HEADER]: sign(raw) }))).outcome).toBe(
        "signature_mismatch",
      );
    });
  }
});
