// LifeLoop webhooks through the client's public helpers: the signature is checked before parsing,
// known events come back typed, unknown ones are returned (not dropped), and the secret never
// reaches an error message. The spec's own webhook examples (and the reference's sample) are signed
// and must verify and parse to their event type.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  lifeloopWebhookEventTypes,
  lifeloopWebhooks,
  verifyLifeLoopWebhook,
  WebhookVerificationError,
  type LifeLoopWebhook,
  type LifeLoopWebhookEventType,
  type WebhookFailure,
} from "../../../src/clients/lifeloop-webhooks.ts";
import { webhooks } from "../../../generated/lifeloop/operations.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";

const SECRET = "whsec_lifeloop_unit_secret";
const HEADER = "X-LifeLoop-Signature";
const BODY = JSON.stringify({
  eventId: "evt-abc123",
  eventType: "resident.created",
  tenant: "sunrise-001",
  occurredAt: "2026-06-18T10:30:00Z",
  resourceId: "res-001",
});
const sign = (body: string, secret = SECRET, encoding: "hex" | "base64" = "hex") =>
  createHmac("sha256", secret).update(body).digest(encoding);

type Outcome = "known" | "unknown" | WebhookFailure;
const run = (fn: () => LifeLoopWebhook): { outcome: Outcome; message?: string; result?: LifeLoopWebhook } => {
  try {
    const result = fn();
    return { outcome: result.kind, result };
  } catch (e) {
    if (e instanceof WebhookVerificationError)
      return { outcome: e.reason, message: `${e.message} ${String(e)} ${JSON.stringify(e)}` };
    throw e;
  }
};

describe("verifyLifeLoopWebhook", () => {
  const unknownBody = JSON.stringify({ ...JSON.parse(BODY), eventType: "resident.teleported" });
  const table: {
    name: string;
    body?: string;
    headers: Record<string, string>;
    secret?: string;
    encoding?: "hex" | "base64";
    want: Outcome;
  }[] = [
    { name: "valid hex", headers: { [HEADER]: sign(BODY) }, want: "known" },
    { name: "valid, sha256= prefix", headers: { [HEADER]: `sha256=${sign(BODY)}` }, want: "known" },
    { name: "valid, header name in lower case", headers: { "x-lifeloop-signature": sign(BODY) }, want: "known" },
    {
      name: "valid base64 (encoding option)",
      headers: { [HEADER]: sign(BODY, SECRET, "base64") },
      encoding: "base64",
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
      secret: "whsec_someone_else",
      want: "signature_mismatch",
    },
    { name: "missing header", headers: {}, want: "missing_header" },
    { name: "empty header", headers: { [HEADER]: "" }, want: "missing_header" },
    { name: "non-hex header", headers: { [HEADER]: "z".repeat(64) }, want: "malformed_header" },
    { name: "hex of the wrong length", headers: { [HEADER]: sign(BODY).slice(0, 62) }, want: "malformed_header" },
    { name: "hex that is too long", headers: { [HEADER]: `${sign(BODY)}00` }, want: "malformed_header" },
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
  ];

  for (const t of table) {
    it(`${t.name} → ${t.want}`, () => {
      const got = run(() =>
        verifyLifeLoopWebhook(t.body ?? BODY, t.headers, { secret: t.secret ?? SECRET, encoding: t.encoding }),
      );
      expect(got.outcome).toBe(t.want);
      if (got.message !== undefined) {
        expect(got.message).not.toContain(SECRET);
        expect(got.message).not.toContain("whsec_someone_else");
      }
    });
  }

  it("verifies before parsing: a bad signature on a non-JSON body is a signature error", () => {
    expect(run(() => verifyLifeLoopWebhook("not json", { [HEADER]: sign(BODY) }, { secret: SECRET })).outcome).toBe(
      "signature_mismatch",
    );
  });

  it("returns an unknown event type with its payload, not dropped", () => {
    const got = verifyLifeLoopWebhook(unknownBody, { [HEADER]: sign(unknownBody) }, { secret: SECRET });
    expect(got).toEqual({ kind: "unknown", type: "resident.teleported", payload: JSON.parse(unknownBody) });
  });

  it("narrows a known event by eventType", () => {
    const got = verifyLifeLoopWebhook(BODY, { [HEADER]: sign(BODY) }, { secret: SECRET });
    expect(got.kind).toBe("known");
    if (got.kind !== "known") return;
    expectTypeOf(got.event.eventType).toEqualTypeOf<LifeLoopWebhookEventType>();
    if (got.event.eventType === "resident.created") expect(got.event.resourceId).toBe("res-001");
  });

  it("accepts raw bytes and a Web Request", async () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(verifyLifeLoopWebhook(bytes, new Headers({ [HEADER]: sign(BODY) }), { secret: SECRET }).kind).toBe("known");
    const request = new Request("https://example.org/hooks/lifeloop", {
      method: "POST",
      body: BODY,
      headers: { [HEADER]: sign(BODY) },
    });
    expect((await lifeloopWebhooks({ secret: SECRET }).fromRequest(request)).kind).toBe("known");
  });

  it("rejects a blank secret at construction without echoing anything", () => {
    expect(() => lifeloopWebhooks({ secret: "" })).toThrow(TypeError);
  });

  it("knows exactly the spec's webhook event types", () => {
    expect([...lifeloopWebhookEventTypes]).toEqual(webhooks.map((w) => w.name));
    expect(lifeloopWebhookEventTypes).toHaveLength(18);
  });
});

describe("the spec's webhook examples, signed", () => {
  const spec = readBundledSpec(apiByName("lifeloop"));
  const examples = Object.entries<any>(spec.webhooks).flatMap(([eventType, item]) =>
    Object.entries<any>(item.post.requestBody.content["application/json"].examples ?? {}).map(([name, ex]) => ({
      name,
      eventType,
      value: ex.value as unknown,
    })),
  );
  const seeds = (
    JSON.parse(readFileSync(new URL("../../fixtures/lifeloop/seed-examples.json", import.meta.url), "utf8")) as any[]
  )
    .filter((s) => s.kind === "webhook")
    .map((s) => ({ name: `reference sample ${s.name}`, eventType: s.where as string, value: s.json as unknown }));

  it("cover every webhook in the spec", () => {
    expect(new Set(examples.map((e) => e.eventType))).toEqual(new Set(lifeloopWebhookEventTypes));
    expect(seeds.length).toBeGreaterThan(0);
  });

  const receiver = lifeloopWebhooks({ secret: SECRET });
  for (const { name, eventType, value } of [...examples, ...seeds]) {
    it(`${name} verifies and parses as ${eventType}`, () => {
      const raw = JSON.stringify(value, null, 2); // the exact bytes are what is signed, whitespace included
      for (const header of [sign(raw), `sha256=${sign(raw)}`]) {
        const got = receiver.verify(raw, { [HEADER]: header });
        expect(got).toEqual({ kind: "known", type: eventType, event: value });
      }
      expect(run(() => receiver.verify(raw.replace(/\s+/g, ""), { [HEADER]: sign(raw) })).outcome).toBe(
        "signature_mismatch",
      );
    });
  }
});
