// The three signature schemes, against deliveries signed independently of our code (node:crypto's
// HMAC, and the Standard Webhooks specification's own test vector): valid ones pass, every kind of
// tampering fails with its reason, and no error carries the secret.
import { bearerAuth, MissingCredentialError } from "../../../src/runtime/auth.ts";
import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { standardWebhooks } from "../../../src/runtime/standard-webhooks.ts";
import { hmacSignature, sharedSecretHeader } from "../../../src/runtime/webhook-signatures.ts";
import { type WebhookFailure, WebhookVerificationError, type WebhookVerifier } from "../../../src/runtime/webhooks.ts";

const SECRET = "whsec_lifeloop_test_secret";
const BODY = '{"eventType":"resident.created","resourceId":"r1"}';
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const bytes = (text: string) => new TextEncoder().encode(text);
const sign = (body: string, secret = SECRET, enc: "hex" | "base64" = "hex") =>
  createHmac("sha256", secret).update(body).digest(enc);

type Outcome = "ok" | WebhookFailure;
async function outcome(verify: WebhookVerifier, body: string, headers: Record<string, string | string[]>) {
  try {
    await verify(bytes(body), headers);
    return "ok";
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    for (const text of [e.message, String(e), JSON.stringify(e), inspect(e)]) expect(text).not.toContain(SECRET);
    return e.reason;
  }
}

describe("hmacSignature (LifeLoop: X-LifeLoop-Signature)", () => {
  const header = "X-LifeLoop-Signature";
  const hex = hmacSignature({ secret: SECRET, header, prefix: "sha256=" });
  const b64 = hmacSignature({ secret: SECRET, header, prefix: "sha256=", encoding: "base64" });
  const cases: { name: string; verify?: WebhookVerifier; body?: string; sent?: string; want: Outcome }[] = [
    { name: "valid hex", sent: sign(BODY), want: "ok" },
    { name: "valid, sha256= prefix", sent: `sha256=${sign(BODY)}`, want: "ok" },
    { name: "valid, SHA256= prefix, upper-case hex", sent: `SHA256=${sign(BODY).toUpperCase()}`, want: "ok" },
    { name: "valid, surrounding spaces", sent: ` ${sign(BODY)} `, want: "ok" },
    { name: "valid base64", verify: b64, sent: sign(BODY, SECRET, "base64"), want: "ok" },
    { name: "valid base64 with prefix", verify: b64, sent: `sha256=${sign(BODY, SECRET, "base64")}`, want: "ok" },
    { name: "tampered body", body: BODY.replace("r1", "r2"), sent: sign(BODY), want: "signature_mismatch" },
    { name: "body with extra whitespace", body: `${BODY} `, sent: sign(BODY), want: "signature_mismatch" },
    { name: "wrong secret", sent: sign(BODY, "another_secret"), want: "signature_mismatch" },
    { name: "missing header", want: "missing_header" },
    { name: "empty header", sent: "", want: "missing_header" },
    { name: "prefix only", sent: "sha256=", want: "malformed_header" },
    { name: "not hex", sent: "z".repeat(64), want: "malformed_header" },
    { name: "truncated hex", sent: sign(BODY).slice(0, 63), want: "malformed_header" },
    { name: "too-long hex", sent: `${sign(BODY)}00`, want: "malformed_header" },
    { name: "other algorithm prefix", sent: `sha1=${sign(BODY)}`, want: "malformed_header" },
    { name: "base64 sent to a hex verifier", sent: sign(BODY, SECRET, "base64"), want: "malformed_header" },
    { name: "hex sent to a base64 verifier", verify: b64, sent: sign(BODY), want: "malformed_header" },
    {
      name: "non-canonical base64 (a padding bit set)",
      verify: b64,
      sent: sign(BODY, SECRET, "base64").replace(/(.)=$/, (_, c: string) => `${B64[B64.indexOf(c) ^ 1]}=`),
      want: "malformed_header",
    },
    { name: "base64 wrong secret", verify: b64, sent: sign(BODY, "x_other", "base64"), want: "signature_mismatch" },
    { name: "the secret itself", sent: SECRET, want: "malformed_header" },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, async () => {
      const headers = c.sent === undefined ? {} : { [header.toLowerCase()]: c.sent };
      expect(await outcome(c.verify ?? hex, c.body ?? BODY, headers)).toBe(c.want);
    });
  }

  it("reads a Headers object and any header case", async () => {
    expect(await hex(bytes(BODY), new Headers({ [header]: sign(BODY) }))).toBeUndefined();
    expect(await outcome(hex, BODY, { [header.toUpperCase()]: sign(BODY) })).toBe("ok");
  });

  it("trims the configured secret: one pasted with a trailing newline still verifies", async () => {
    const padded = hmacSignature({ secret: `${SECRET}\n`, header });
    expect(await outcome(padded, BODY, { [header]: sign(BODY) })).toBe("ok");
  });

  it.each([
    ["an empty secret", { secret: "", header }],
    ["a blank secret", { secret: "   ", header }],
    ["a 7-character secret (too short to redact)", { secret: "abcdefg", header }],
    ["an unknown encoding", { secret: SECRET, header, encoding: "hexadecimal" as "hex" }],
  ])("refuses %s at construction with a TypeError", (_name, options) => {
    expect(() => hmacSignature(options)).toThrow(TypeError);
  });
});

describe("webhook secrets and client credentials: one check", () => {
  const verifiers = {
    hmacSignature: (secret: string) => hmacSignature({ secret, header: "x-sig" }),
    sharedSecretHeader: (secret: string) => sharedSecretHeader({ secret, header: "authorization" }),
    "a client's bearerAuth": (secret: string) => bearerAuth(secret, "webhook `secret`"),
  };
  for (const [name, make] of Object.entries(verifiers)) {
    it(`${name}: 7 characters or a newline inside → MissingCredentialError naming the option; 8 pass`, () => {
      expect(() => make("abcdefg")).toThrow(MissingCredentialError);
      expect(() => make("abcd\nefgh")).toThrow(MissingCredentialError);
      expect(() => make("abcdefg")).toThrow(/webhook `secret` is shorter than 8 characters/);
      expect(() => make("abcdefgh")).not.toThrow();
    });
  }
});

describe("sharedSecretHeader (LoopMessage: Authorization)", () => {
  const verify = sharedSecretHeader({ secret: SECRET, header: "Authorization" });
  const cases: { name: string; headers: Record<string, string | string[]>; want: Outcome }[] = [
    { name: "valid", headers: { Authorization: SECRET }, want: "ok" },
    { name: "valid, lower-case header", headers: { authorization: SECRET }, want: "ok" },
    { name: "valid, surrounding whitespace", headers: { authorization: ` ${SECRET} ` }, want: "ok" },
    { name: "wrong secret", headers: { authorization: "not-it" }, want: "secret_mismatch" },
    { name: "secret prefix only", headers: { authorization: SECRET.slice(0, -1) }, want: "secret_mismatch" },
    { name: "secret plus extra", headers: { authorization: `${SECRET}x` }, want: "secret_mismatch" },
    { name: "bearer-wrapped", headers: { authorization: `Bearer ${SECRET}` }, want: "secret_mismatch" },
    { name: "sent twice", headers: { authorization: [SECRET, SECRET] }, want: "secret_mismatch" },
    { name: "missing header", headers: {}, want: "missing_header" },
    { name: "empty header", headers: { authorization: "" }, want: "missing_header" },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, async () => {
      expect(await outcome(verify, BODY, c.headers)).toBe(c.want);
    });
  }

  it("a configured secret with trailing whitespace verifies (header values arrive trimmed)", async () => {
    const padded = sharedSecretHeader({ secret: `${SECRET} \t\n`, header: "Authorization" });
    expect(await outcome(padded, BODY, { authorization: SECRET })).toBe("ok");
  });
});

describe("standardWebhooks (Loops: webhook-id, webhook-timestamp, webhook-signature)", () => {
  // The test vector published with the Standard Webhooks specification.
  const vector = {
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  };
  const at = (seconds: number) => () => seconds * 1000;
  const verify = standardWebhooks({ secret: vector.secret, now: at(vector.timestamp) });
  const headers = (over: Record<string, string> = {}) => ({
    "webhook-id": vector.id,
    "webhook-timestamp": String(vector.timestamp),
    "webhook-signature": vector.signature,
    ...over,
  });
  /** Signed here with node:crypto, independently of the library under test. */
  const signed = (id: string, ts: number, body: string, secret = vector.secret) =>
    `v1,${createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
      .update(`${id}.${ts}.${body}`)
      .digest("base64")}`;

  it("node:crypto agrees with the specification's vector", () => {
    expect(signed(vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  const cases: { name: string; body?: string; headers: Record<string, string>; want: Outcome }[] = [
    { name: "the vector", headers: headers(), want: "ok" },
    {
      name: "several signatures, one valid",
      headers: headers({ "webhook-signature": `v1,bm9wZQ== ${vector.signature}` }),
      want: "ok",
    },
    {
      name: "a v2 signature only",
      headers: headers({ "webhook-signature": vector.signature.replace("v1,", "v2,") }),
      want: "signature_mismatch",
    },
    { name: "tampered body", body: '{"test": 2432232315}', headers: headers(), want: "signature_mismatch" },
    { name: "another id", headers: headers({ "webhook-id": "msg_other" }), want: "signature_mismatch" },
    {
      name: "signed with another secret",
      headers: headers({
        "webhook-signature": signed(
          vector.id,
          vector.timestamp,
          vector.body,
          "whsec_" + Buffer.from("another key").toString("base64"),
        ),
      }),
      want: "signature_mismatch",
    },
    { name: "no webhook-id", headers: headers({ "webhook-id": "" }), want: "missing_header" },
    { name: "no webhook-signature", headers: headers({ "webhook-signature": "" }), want: "missing_header" },
    {
      name: "a timestamp that is not seconds",
      headers: headers({ "webhook-timestamp": "2021-02-25" }),
      want: "malformed_header",
    },
    {
      name: "a replay 5 min 1 s later",
      headers: headers({ "webhook-timestamp": String(vector.timestamp - 301) }),
      want: "stale_timestamp",
    },
    {
      name: "a timestamp 5 min 1 s ahead",
      headers: headers({ "webhook-timestamp": String(vector.timestamp + 301) }),
      want: "stale_timestamp",
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.want}`, async () => {
      expect(await outcome(verify, c.body ?? vector.body, c.headers)).toBe(c.want);
    });
  }

  it("accepts a delivery signed 4 minutes ago, re-signed with its own timestamp", async () => {
    const ts = vector.timestamp - 240;
    const h = headers({ "webhook-timestamp": String(ts), "webhook-signature": signed(vector.id, ts, vector.body) });
    expect(await outcome(verify, vector.body, h)).toBe("ok");
  });

  it("takes another tolerance", async () => {
    const strict = standardWebhooks({ secret: vector.secret, toleranceMs: 1_000, now: at(vector.timestamp + 2) });
    expect(await outcome(strict, vector.body, headers())).toBe("stale_timestamp");
  });

  it.each([
    ["a secret that is not base64", { secret: "whsec_!!!not base64!!!" }],
    ["an empty secret", { secret: "" }],
  ])("refuses %s at construction with a TypeError", (_name, options) => {
    expect(() => standardWebhooks(options)).toThrow(TypeError);
  });

  it.each([
    ["a zero tolerance", { secret: vector.secret, toleranceMs: 0 }],
    ["a NaN tolerance", { secret: vector.secret, toleranceMs: Number.NaN }],
  ])("refuses %s at construction with a RangeError, like every number option", (_name, options) => {
    expect(() => standardWebhooks(options)).toThrow(RangeError);
  });
});
