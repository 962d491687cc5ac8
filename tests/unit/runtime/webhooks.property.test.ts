/**
 * Properties, 10,000 runs per verifier: every validly signed delivery is accepted; no tampered
 * one (body, secret or signature changed) is. Signatures are made with node:crypto, independently
 * of the Web Crypto code under test.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, it } from "vitest";
import { hmacSignature, sharedSecretHeader } from "../../../src/runtime/webhook-signatures.ts";
import type { WebhookVerifier } from "../../../src/runtime/webhooks.ts";

const RUNS = 10_000;
/** Generous per-test limit: each property takes ~0.3 s, but CI machines can be slow. */
const LIMIT = 30_000;
const accepts = (verify: WebhookVerifier, body: Uint8Array, headers: Record<string, string>) =>
  verify(body, headers).then(
    () => true,
    () => false,
  );

/** Secrets as configured: at least 8 characters once trimmed (shorter ones are refused at construction). */
const secretArb = fc.string({ minLength: 8, maxLength: 64 }).filter((s) => s.trim() === s);
const hmacVerifier = (o: { secret: string; encoding: "hex" | "base64" }) =>
  hmacSignature({ ...o, header: "x-lifeloop-signature", prefix: "sha256=" });
const headerSecretVerifier = (o: { secret: string }) => sharedSecretHeader({ ...o, header: "authorization" });
const bodyArb = fc.uint8Array({ maxLength: 256 });
const encodingArb = fc.constantFrom("hex" as const, "base64" as const);

/** A different body: flip a bit, drop a byte or append one. */
const tamperedBody = (body: Uint8Array, at: number, kind: number): Uint8Array => {
  if (body.length === 0 || kind === 2) return Uint8Array.from([...body, at & 0xff]);
  const i = at % body.length;
  if (kind === 0) {
    const copy = Uint8Array.from(body);
    copy[i] = copy[i]! ^ (1 << (at % 8));
    return copy;
  }
  return Uint8Array.from([...body.subarray(0, i), ...body.subarray(i + 1)]);
};

describe("hmacVerifier properties", () => {
  const sig = (secret: string, body: Uint8Array, enc: "hex" | "base64") =>
    createHmac("sha256", secret).update(body).digest(enc);

  it(
    "accepts every valid signature (hex and base64, with and without prefix)",
    async () => {
      await fc.assert(
        fc.asyncProperty(secretArb, bodyArb, encodingArb, fc.boolean(), (secret, body, enc, prefixed) => {
          const verify = hmacVerifier({ secret, encoding: enc });
          const s = sig(secret, body, enc);
          return accepts(verify, body, { "x-lifeloop-signature": prefixed ? `sha256=${s}` : s });
        }),
        { numRuns: RUNS },
      );
    },
    LIMIT,
  );

  it(
    "rejects every tampered delivery",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          secretArb,
          secretArb,
          bodyArb,
          encodingArb,
          fc.nat(),
          fc.integer({ min: 0, max: 4 }),
          async (secret, otherSecret, body, enc, at, what) => {
            const verify = hmacVerifier({ secret, encoding: enc });
            let sent: Uint8Array = body;
            let signature = sig(secret, body, enc);
            if (what <= 2) sent = tamperedBody(body, at, what); // body changed after signing
            if (what === 3) {
              fc.pre(otherSecret !== secret);
              signature = sig(otherSecret, body, enc); // signed with the wrong secret
            }
            if (what === 4) {
              // one signature character changed
              const i = at % signature.length;
              const alphabet =
                enc === "hex" ? "0123456789abcdef" : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
              const c =
                alphabet[(alphabet.indexOf(signature[i]!) + 1 + (at % (alphabet.length - 1))) % alphabet.length]!;
              signature = signature.slice(0, i) + c + signature.slice(i + 1);
              fc.pre(signature.toLowerCase() !== sig(secret, body, enc).toLowerCase());
            }
            return !(await accepts(verify, sent, { "x-lifeloop-signature": signature }));
          },
        ),
        { numRuns: RUNS },
      );
    },
    LIMIT,
  );
});

describe("headerSecretVerifier properties", () => {
  const headerValue = secretArb.filter((s) => !/[\r\n\0]/.test(s));

  it(
    "accepts the configured secret whatever the body",
    async () => {
      await fc.assert(
        fc.asyncProperty(headerValue, bodyArb, (secret, body) =>
          accepts(headerSecretVerifier({ secret }), body, { authorization: secret }),
        ),
        { numRuns: RUNS },
      );
    },
    LIMIT,
  );

  it(
    "rejects any other header value",
    async () => {
      await fc.assert(
        fc.asyncProperty(headerValue, headerValue, bodyArb, async (secret, sent, body) => {
          fc.pre(sent.trim() !== secret);
          return !(await accepts(headerSecretVerifier({ secret }), body, { authorization: sent }));
        }),
        { numRuns: RUNS },
      );
    },
    LIMIT,
  );
});
