// The receiver: bytes within the limit, verified before parsed, then classified against the spec's
// event schemas (known / invalid / unknown / duplicate); stale deliveries refused. Every adapter
// (raw body, Web Request, Node request) enforces the same size limit.
import { createHmac } from "node:crypto";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, expect, expectTypeOf, it } from "vitest";
import { hmacSignature } from "../../../src/runtime/webhook-signatures.ts";
import {
  createWebhookReceiver,
  type WebhookEvent,
  type WebhookFailure,
  WebhookVerificationError,
  type WebhookSchemas,
} from "../../../src/runtime/webhooks.ts";

const SECRET = "whsec_receiver_test_secret";
const HEADER = "x-signature";
const sign = (body: string) => createHmac("sha256", SECRET).update(body).digest("hex");
const signed = (body: string) => ({ [HEADER]: sign(body) });
const NOW = Date.parse("2026-11-30T12:00:00Z");

type Created = { type: "resident.created"; id: string; at: string; residentId: string };
type Updated = { type: "resident.updated"; id: string; at: string; changes: string[] };
type Event = Created | Updated;

const schemas: WebhookSchemas = {
  $defs: {
    Base: { type: "object", required: ["type", "id", "at"], properties: { id: { type: "string", minLength: 1 } } },
    Created: {
      allOf: [
        { $ref: "#/$defs/Base" },
        { required: ["residentId"], properties: { type: { const: "resident.created" } } },
      ],
    },
    Updated: {
      allOf: [
        { $ref: "#/$defs/Base" },
        { required: ["changes"], properties: { changes: { type: "array", items: { type: "string" } } } },
      ],
    },
  },
  events: { "resident.created": "#/$defs/Created", "resident.updated": "#/$defs/Updated" },
};

const receiverWith = (extra: Partial<Parameters<typeof createWebhookReceiver<Event, "type">>[0]> = {}) =>
  createWebhookReceiver<Event, "type">({
    verify: hmacSignature({ secret: SECRET, header: HEADER }),
    discriminator: "type",
    schemas,
    now: () => NOW,
    ...extra,
  });
const receiver = receiverWith();

const created = { type: "resident.created", id: "evt-1", at: "2026-11-30T11:59:00Z", residentId: "r1" };
const json = (value: unknown) => JSON.stringify(value);

async function reason(promise: Promise<unknown>): Promise<WebhookFailure> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof WebhookVerificationError) return e.reason;
    throw e;
  }
  throw new Error("expected a WebhookVerificationError");
}

describe("classification of a verified delivery", () => {
  const cases: { name: string; given: string; want: WebhookEvent<Event> | WebhookFailure }[] = [
    {
      name: "a known event",
      given: json(created),
      want: { kind: "known", type: "resident.created", event: created as Event },
    },
    {
      name: "a known event missing a required field",
      given: json({ ...created, residentId: undefined }),
      want: {
        kind: "invalid",
        type: "resident.created",
        payload: { type: "resident.created", id: "evt-1", at: "2026-11-30T11:59:00Z" },
        problems: [expect.stringMatching(/residentId/) as unknown as string],
      },
    },
    {
      name: "a known event with a field of the wrong type",
      given: json({ ...created, type: "resident.updated", changes: "name" }),
      want: {
        kind: "invalid",
        type: "resident.updated",
        payload: { ...created, type: "resident.updated", changes: "name" },
        problems: [expect.stringMatching(/^\/changes: /) as unknown as string],
      },
    },
    {
      name: "an event the spec does not list",
      given: '{"type":"resident.deleted","id":1}',
      want: { kind: "unknown", type: "resident.deleted", payload: { type: "resident.deleted", id: 1 } },
    },
    {
      name: "a prototype key as event name",
      given: '{"type":"constructor"}',
      want: { kind: "unknown", type: "constructor", payload: { type: "constructor" } },
    },
    {
      name: "no event name",
      given: '{"kind":"x"}',
      want: { kind: "unknown", type: undefined, payload: { kind: "x" } },
    },
    {
      name: "a non-string event name",
      given: '{"type":42}',
      want: { kind: "unknown", type: undefined, payload: { type: 42 } },
    },
    { name: "an array", given: "[1,2]", want: { kind: "unknown", type: undefined, payload: [1, 2] } },
    { name: "null", given: "null", want: { kind: "unknown", type: undefined, payload: null } },
    { name: "not JSON", given: "not json", want: "invalid_payload" },
    { name: "empty", given: "", want: "invalid_payload" },
  ];
  for (const c of cases) {
    it(`${c.name} → ${typeof c.want === "string" ? c.want : c.want.kind}`, async () => {
      const result = receiver.verify(c.given, signed(c.given));
      if (typeof c.want === "string") expect(await reason(result)).toBe(c.want);
      else expect(await result).toEqual(c.want);
    });
  }

  it("never parses before verifying: a bad signature on invalid JSON is a signature failure", async () => {
    expect(await reason(receiver.verify("not json", signed("other")))).toBe("signature_mismatch");
  });

  it("narrows on the literal `type`", async () => {
    const result = await receiver.verify(json(created), signed(json(created)));
    expectTypeOf(result).toEqualTypeOf<WebhookEvent<Event, "type">>();
    if (result.kind !== "known") throw new Error("expected a known event");
    expectTypeOf(result.type).toEqualTypeOf<"resident.created" | "resident.updated">();
    if (result.type === "resident.updated") expectTypeOf(result.event.changes).toEqualTypeOf<string[]>();
    expectTypeOf<Extract<WebhookEvent<Event>, { kind: "known" }>["type"]>().toEqualTypeOf<string>();
  });
});

describe("freshness and duplicates", () => {
  const fresh = receiverWith({
    freshness: { occurredAt: (p) => (p as { at?: string }).at, toleranceMs: 3_600_000 },
  });
  const at = (iso: string) => json({ ...created, at: iso });
  it.each([
    ["59 minutes old", at("2026-11-30T11:01:00Z"), "known"],
    ["61 minutes old", at("2026-11-30T10:59:00Z"), "stale_timestamp"],
    ["61 minutes ahead", at("2026-11-30T13:01:00Z"), "stale_timestamp"],
    ["without a time", json({ ...created, at: undefined }), "stale_timestamp"],
    ["with a time that is not a date", at("yesterday"), "stale_timestamp"],
  ])("a delivery %s", async (_name, body, want) => {
    const result = fresh.verify(body, signed(body));
    if (want === "known") expect((await result).kind).toBe("known");
    else expect(await reason(result)).toBe(want);
  });

  it("a second delivery of one event id is a duplicate; the claim is kept until the delivery goes stale", async () => {
    const claims = new Map<string, Date>();
    const once = receiverWith({
      freshness: { occurredAt: (p) => (p as { at?: string }).at, toleranceMs: 3_600_000 },
      dedupe: {
        eventId: (p) => (p as { id?: string }).id,
        claim: async (id, until) => !claims.has(id) && !!claims.set(id, until),
      },
    });
    const body = json(created);
    expect((await once.verify(body, signed(body))).kind).toBe("known");
    expect(await once.verify(body, signed(body))).toEqual({
      kind: "duplicate",
      type: "resident.created",
      id: "evt-1",
      payload: created,
    });
    expect(claims.get("evt-1")).toEqual(new Date(Date.parse(created.at) + 3_600_000));
    const other = json({ ...created, id: "evt-2" });
    expect((await once.verify(other, signed(other))).kind).toBe("known");
  });

  it("refuses a stale delivery before claiming its id", async () => {
    const claimed: string[] = [];
    const once = receiverWith({
      freshness: { occurredAt: (p) => (p as { at?: string }).at, toleranceMs: 60_000 },
      dedupe: { eventId: (p) => (p as { id?: string }).id, claim: (id) => (claimed.push(id), true) },
    });
    const body = json({ ...created, at: "2026-11-29T00:00:00Z" });
    expect(await reason(once.verify(body, signed(body)))).toBe("stale_timestamp");
    expect(claimed).toEqual([]);
  });
});

describe("size limits, in every adapter", () => {
  const small = receiverWith({ maxBytes: 200 });
  const big = json({ ...created, pad: "x".repeat(300) });

  it("verify(raw body)", async () => {
    expect(await reason(small.verify(big, signed(big)))).toBe("body_too_large");
    expect((await small.verify(json(created), signed(json(created)))).kind).toBe("known");
  });

  it("fromRequest: a declared Content-Length over the limit is refused unread", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = { headers: new Headers({ ...signed(big), "content-length": "400" }), body };
    expect(await reason(small.fromRequest(request))).toBe("body_too_large");
    expect(pulled).toBe(0);
  });

  it("fromRequest: an endless stream without Content-Length is cut at the limit and cancelled", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(64)),
      cancel: () => void (cancelled = true),
    });
    expect(await reason(small.fromRequest({ headers: new Headers(signed(big)), body }))).toBe("body_too_large");
    expect(cancelled).toBe(true);
  });

  it("fromRequest reads a real Request", async () => {
    const ok = new Request("https://hooks.test/", {
      method: "POST",
      body: json(created),
      headers: signed(json(created)),
    });
    expect((await small.fromRequest(ok)).kind).toBe("known");
  });

  it("fromNode: chunks and strings, cut at the limit", async () => {
    const node = (chunks: (string | Uint8Array)[], headers: Record<string, string>) =>
      Object.assign(Readable.from(chunks), { headers });
    const text = json(created);
    expect((await small.fromNode(node([text.slice(0, 10), Buffer.from(text.slice(10))], signed(text)))).kind).toBe(
      "known",
    );
    expect(await reason(small.fromNode(node([big.slice(0, 150), big.slice(150)], signed(big))))).toBe("body_too_large");
  });

  it("fromNode reads a real IncomingMessage", async () => {
    const server = createServer((req, res) => {
      small.fromNode(req).then(
        (r) => res.end(json({ kind: r.kind })),
        (e: WebhookVerificationError) => res.writeHead(400).end(json({ reason: e.reason })),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const post = (body: string, headers: Record<string, string>) =>
      new Promise<unknown>((resolve, reject) => {
        const req = httpRequest({ port, host: "127.0.0.1", method: "POST", headers }, (res) => {
          let text = "";
          res.on("data", (c) => (text += c)).on("end", () => resolve(JSON.parse(text)));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect(await post(json(created), signed(json(created)))).toEqual({ kind: "known" });
      expect(await post(json(created), {})).toEqual({ reason: "missing_header" });
      expect(await post(big, signed(big))).toEqual({ reason: "body_too_large" });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses maxBytes %s at construction", (maxBytes) => {
    expect(() => receiverWith({ maxBytes })).toThrow(RangeError);
  });
});
