import { createHmac } from "node:crypto";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createWebhookReceiver,
  headerSecretVerifier,
  hmacVerifier,
  type WebhookEvent,
  type WebhookFailure,
  WebhookVerificationError,
} from "../../../src/runtime/webhooks.ts";

const SECRET = "whsec_lifeloop_test_secret";
const BODY = '{"type":"resident.created","data":{"residentId":"r1"}}';
const sign = (body: string, secret = SECRET, enc: "hex" | "base64" = "hex") =>
  createHmac("sha256", secret).update(body).digest(enc);

type Outcome = "ok" | WebhookFailure;
const outcome = (fn: () => unknown): Outcome => {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
};

describe("hmacVerifier (LifeLoop: X-LifeLoop-Signature)", () => {
  const hex = hmacVerifier({ secret: SECRET });
  const b64 = hmacVerifier({ secret: SECRET, encoding: "base64" });
  const cases: {
    given: { name: string; verify?: typeof hex; body?: string; headers: Record<string, string> };
    want: Outcome;
  }[] = [
    { given: { name: "valid hex", headers: { "X-LifeLoop-Signature": sign(BODY) } }, want: "ok" },
    {
      given: { name: "valid, sha256= prefix", headers: { "x-lifeloop-signature": `sha256=${sign(BODY)}` } },
      want: "ok",
    },
    {
      given: {
        name: "valid, SHA256= prefix, upper-case hex",
        headers: { "x-lifeloop-signature": `SHA256=${sign(BODY).toUpperCase()}` },
      },
      want: "ok",
    },
    {
      given: { name: "valid, surrounding spaces", headers: { "x-lifeloop-signature": ` ${sign(BODY)} ` } },
      want: "ok",
    },
    {
      given: {
        name: "valid base64 option",
        verify: b64,
        headers: { "x-lifeloop-signature": sign(BODY, SECRET, "base64") },
      },
      want: "ok",
    },
    {
      given: {
        name: "valid base64 with prefix",
        verify: b64,
        headers: { "x-lifeloop-signature": `sha256=${sign(BODY, SECRET, "base64")}` },
      },
      want: "ok",
    },
    {
      given: { name: "tampered body", body: BODY.replace("r1", "r2"), headers: { "x-lifeloop-signature": sign(BODY) } },
      want: "signature_mismatch",
    },
    {
      given: { name: "body with extra whitespace", body: `${BODY} `, headers: { "x-lifeloop-signature": sign(BODY) } },
      want: "signature_mismatch",
    },
    {
      given: { name: "wrong secret", headers: { "x-lifeloop-signature": sign(BODY, "another_secret") } },
      want: "signature_mismatch",
    },
    { given: { name: "missing header", headers: {} }, want: "missing_header" },
    { given: { name: "empty header", headers: { "x-lifeloop-signature": "" } }, want: "missing_header" },
    { given: { name: "prefix only", headers: { "x-lifeloop-signature": "sha256=" } }, want: "malformed_header" },
    { given: { name: "not hex", headers: { "x-lifeloop-signature": "z".repeat(64) } }, want: "malformed_header" },
    {
      given: { name: "truncated hex", headers: { "x-lifeloop-signature": sign(BODY).slice(0, 63) } },
      want: "malformed_header",
    },
    {
      given: { name: "too-long hex", headers: { "x-lifeloop-signature": `${sign(BODY)}00` } },
      want: "malformed_header",
    },
    {
      given: { name: "other algorithm prefix", headers: { "x-lifeloop-signature": `sha1=${sign(BODY)}` } },
      want: "malformed_header",
    },
    {
      given: {
        name: "base64 sent to a hex verifier",
        headers: { "x-lifeloop-signature": sign(BODY, SECRET, "base64") },
      },
      want: "malformed_header",
    },
    {
      given: { name: "hex sent to a base64 verifier", verify: b64, headers: { "x-lifeloop-signature": sign(BODY) } },
      want: "malformed_header",
    },
    {
      given: {
        name: "base64 wrong secret",
        verify: b64,
        headers: { "x-lifeloop-signature": sign(BODY, "x_other", "base64") },
      },
      want: "signature_mismatch",
    },
  ];
  for (const { given, want } of cases) {
    it(`${given.name} → ${want}`, () => {
      expect(outcome(() => (given.verify ?? hex)(given.body ?? BODY, given.headers))).toBe(want);
    });
  }

  it("accepts bytes, ArrayBuffer and Headers", () => {
    const bytes = new TextEncoder().encode(BODY);
    const headers = new Headers({ "X-LifeLoop-Signature": sign(BODY) });
    expect(outcome(() => hex(bytes, headers))).toBe("ok");
    expect(outcome(() => hex(bytes.buffer as ArrayBuffer, headers))).toBe("ok");
  });

  it("a custom header name", () => {
    const v = hmacVerifier({ secret: SECRET, header: "X-Signature", prefix: "" });
    expect(outcome(() => v(BODY, { "x-signature": sign(BODY) }))).toBe("ok");
    expect(outcome(() => v(BODY, { "x-lifeloop-signature": sign(BODY) }))).toBe("missing_header");
  });

  it("rejects an empty secret at construction", () => {
    expect(() => hmacVerifier({ secret: "" })).toThrow(TypeError);
  });
});

describe("headerSecretVerifier (LoopMessage: Authorization)", () => {
  const verify = headerSecretVerifier({ secret: SECRET });
  const cases: { given: { name: string; headers: Record<string, string | string[]> }; want: Outcome }[] = [
    { given: { name: "valid", headers: { Authorization: SECRET } }, want: "ok" },
    { given: { name: "valid, lower-case header", headers: { authorization: SECRET } }, want: "ok" },
    { given: { name: "wrong secret", headers: { authorization: "not-it" } }, want: "secret_mismatch" },
    { given: { name: "secret prefix only", headers: { authorization: SECRET.slice(0, -1) } }, want: "secret_mismatch" },
    { given: { name: "secret plus extra", headers: { authorization: `${SECRET}x` } }, want: "secret_mismatch" },
    { given: { name: "bearer-wrapped", headers: { authorization: `Bearer ${SECRET}` } }, want: "secret_mismatch" },
    { given: { name: "sent twice", headers: { authorization: [SECRET, SECRET] } }, want: "secret_mismatch" },
    { given: { name: "missing header", headers: {} }, want: "missing_header" },
    { given: { name: "empty header", headers: { authorization: "" } }, want: "missing_header" },
  ];
  for (const { given, want } of cases) {
    it(`${given.name} → ${want}`, () => {
      expect(outcome(() => verify(BODY, given.headers))).toBe(want);
    });
  }
});

type LifeLoopEvent =
  | { type: "resident.created"; data: { residentId: string } }
  | { type: "resident.updated"; data: { residentId: string; changes: string[] } };

describe("createWebhookReceiver: verify, then parse into the typed union", () => {
  const receiver = createWebhookReceiver<LifeLoopEvent, "type">({
    verify: hmacVerifier({ secret: SECRET }),
    discriminator: "type",
    events: ["resident.created", "resident.updated"],
  });
  const signed = (body: string) => ({ "x-lifeloop-signature": `sha256=${sign(body)}` });

  const cases: { given: string; want: WebhookEvent<LifeLoopEvent> | WebhookFailure }[] = [
    { given: BODY, want: { kind: "known", type: "resident.created", event: JSON.parse(BODY) } },
    {
      given: '{"type":"resident.deleted","id":1}',
      want: { kind: "unknown", type: "resident.deleted", payload: { type: "resident.deleted", id: 1 } },
    },
    { given: '{"kind":"x"}', want: { kind: "unknown", type: undefined, payload: { kind: "x" } } },
    { given: '{"type":42}', want: { kind: "unknown", type: undefined, payload: { type: 42 } } },
    { given: "[1,2]", want: { kind: "unknown", type: undefined, payload: [1, 2] } },
    { given: "null", want: { kind: "unknown", type: undefined, payload: null } },
    { given: "not json", want: "invalid_payload" },
    { given: "", want: "invalid_payload" },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${typeof want === "string" ? want : want.kind}`, () => {
      if (typeof want === "string") {
        expect(outcome(() => receiver.verify(given, signed(given)))).toBe(want);
      } else {
        expect(receiver.verify(given, signed(given))).toEqual(want);
      }
    });
  }

  it("known deliveries carry the literal event name: narrowing on `type` narrows `event`", () => {
    const result = receiver.verify(BODY, signed(BODY));
    expectTypeOf(result).toEqualTypeOf<WebhookEvent<LifeLoopEvent, "type">>();
    if (result.kind === "known") {
      expectTypeOf(result.type).toEqualTypeOf<"resident.created" | "resident.updated">();
      if (result.type === "resident.updated") expectTypeOf(result.event.data.changes).toEqualTypeOf<string[]>();
    } else {
      expectTypeOf(result.type).toEqualTypeOf<string | undefined>();
    }
    // Without the discriminator type argument, `type` stays a plain string.
    expectTypeOf<Extract<WebhookEvent<LifeLoopEvent>, { kind: "known" }>["type"]>().toEqualTypeOf<string>();
    expect(result.kind).toBe("known");
  });

  it("never parses before verifying: a bad signature on invalid JSON is a signature failure", () => {
    expect(outcome(() => receiver.verify("not json", signed("other")))).toBe("signature_mismatch");
  });

  it("the known branch narrows to the union", () => {
    const result = receiver.verify(BODY, signed(BODY));
    if (result.kind === "known") {
      expectTypeOf(result.event).toEqualTypeOf<LifeLoopEvent>();
      if (result.event.type === "resident.created") expect(result.event.data.residentId).toBe("r1");
    } else {
      throw new Error("expected a known event");
    }
  });

  it("fromRequest reads the raw bytes of a Web Request", async () => {
    const ok = new Request("https://hooks.test/", { method: "POST", body: BODY, headers: signed(BODY) });
    expect((await receiver.fromRequest(ok)).kind).toBe("known");
    const bad = new Request("https://hooks.test/", { method: "POST", body: BODY, headers: signed(`${BODY} `) });
    await expect(receiver.fromRequest(bad)).rejects.toMatchObject({ reason: "signature_mismatch" });
  });

  it("fromNode reads the raw body of an IncomingMessage (and caps its size)", async () => {
    const small = createWebhookReceiver<LifeLoopEvent, "type">({
      verify: hmacVerifier({ secret: SECRET }),
      discriminator: "type",
      events: ["resident.created", "resident.updated"],
      maxBytes: 1_000,
    });
    const server = createServer((req, res) => {
      small.fromNode(req).then(
        (r) => res.end(JSON.stringify({ kind: r.kind })),
        (e: WebhookVerificationError) => res.writeHead(400).end(JSON.stringify({ reason: e.reason })),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const post = (body: string, headers: Record<string, string>) =>
      new Promise<string>((resolve, reject) => {
        const req = httpRequest({ port, host: "127.0.0.1", method: "POST", headers }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c)).on("end", () => resolve(text));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect(JSON.parse(await post(BODY, signed(BODY)))).toEqual({ kind: "known" });
      expect(JSON.parse(await post(BODY, { "x-lifeloop-signature": sign(BODY, "nope") }))).toEqual({
        reason: "signature_mismatch",
      });
      expect(JSON.parse(await post(BODY, {}))).toEqual({ reason: "missing_header" });
      const big = JSON.stringify({ type: "resident.created", pad: "x".repeat(2_000) });
      expect(JSON.parse(await post(big, signed(big)))).toEqual({ reason: "body_too_large" });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("works with the header-secret verifier too (LoopMessage)", () => {
    type LoopMessageEvent =
      { alert_type: "message_sent"; recipient: string } | { alert_type: "message_failed"; error_code: number };
    const lm = createWebhookReceiver<LoopMessageEvent, "alert_type">({
      verify: headerSecretVerifier({ secret: SECRET }),
      discriminator: "alert_type",
      events: ["message_sent", "message_failed"],
    });
    const body = '{"alert_type":"message_sent","recipient":"+15555550100"}';
    expect(lm.verify(body, { authorization: SECRET })).toMatchObject({ kind: "known", type: "message_sent" });
    expect(outcome(() => lm.verify(body, { authorization: "nope" }))).toBe("secret_mismatch");
  });
});
