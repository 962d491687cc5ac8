// The signed deliveries of loop-api-clients/testing, received by the package's own receivers: every
// event of every API comes back `known`; the refusal options are refused for the reason they name.
import { describe, expect, it } from "vitest";
import { lifeloopWebhooks, lifeloopWebhookEventTypes } from "../../../src/clients/lifeloop-webhooks.ts";
import { loopMessageWebhookEvents, loopMessageWebhooks } from "../../../src/clients/loopmessage-webhooks.ts";
import { loopsWebhookEventNames, loopsWebhooks } from "../../../src/clients/loops-webhooks.ts";
import { lifeloopDelivery, loopMessageDelivery, loopsDelivery } from "../../../src/testing/index.ts";

const LIFELOOP_SECRET = "test-lifeloop-webhook-secret";
const LOOPS_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const LOOPMESSAGE_SECRET = "test-loopmessage-webhook-secret";

/** A claimEvent hook that remembers ids in memory. */
const memory = () => {
  const seen = new Set<string>();
  return (id: string) => !seen.has(id) && Boolean(seen.add(id));
};

describe("lifeloopDelivery", () => {
  const receiver = lifeloopWebhooks({ secret: LIFELOOP_SECRET });

  it.each(lifeloopWebhookEventTypes)("%s: accepted as known by lifeloopWebhooks", async (type) => {
    const result = await receiver.fromRequest(await lifeloopDelivery(type, { secret: LIFELOOP_SECRET }));
    expect(result).toMatchObject({ kind: "known", type });
  });

  it("applies the caller's fields over the spec's example", async () => {
    const request = await lifeloopDelivery(
      { eventType: "resident.created", resourceId: "res-42" },
      { secret: LIFELOOP_SECRET, id: "evt-1" },
    );
    const result = await receiver.fromRequest(request);
    expect(result).toMatchObject({ kind: "known", event: { resourceId: "res-42", eventId: "evt-1" } });
  });

  it.each([
    ["stale", { stale: true }, "stale_timestamp"],
    ["tampered", { tampered: true }, "signature_mismatch"],
  ] as const)("%s: refused", async (_name, option, reason) => {
    const request = await lifeloopDelivery("resident.created", { secret: LIFELOOP_SECRET, ...option });
    await expect(receiver.fromRequest(request)).rejects.toMatchObject({ reason });
  });

  it("the same id twice: the second is a duplicate", async () => {
    const dedupe = lifeloopWebhooks({ secret: LIFELOOP_SECRET, claimEvent: memory() });
    const send = async () =>
      dedupe.fromRequest(await lifeloopDelivery("resident.created", { secret: LIFELOOP_SECRET, id: "evt-7" }));
    expect((await send()).kind).toBe("known");
    expect((await send()).kind).toBe("duplicate");
  });

  it("refuses an event the spec does not list", async () => {
    await expect(lifeloopDelivery("resident.teleported" as never, { secret: LIFELOOP_SECRET })).rejects.toThrow(
      /not an event of the spec/,
    );
  });
});

describe("loopsDelivery", () => {
  const receiver = loopsWebhooks({ secret: LOOPS_SECRET });

  it.each(loopsWebhookEventNames)("%s: accepted as known by loopsWebhooks", async (name) => {
    const result = await receiver.fromRequest(await loopsDelivery(name, { secret: LOOPS_SECRET }));
    expect(result).toMatchObject({ kind: "known", type: name });
  });

  it.each([
    ["stale", { stale: true }, "stale_timestamp"],
    ["tampered", { tampered: true }, "signature_mismatch"],
  ] as const)("%s: refused", async (_name, option, reason) => {
    const request = await loopsDelivery("contact.created", { secret: LOOPS_SECRET, ...option });
    await expect(receiver.fromRequest(request)).rejects.toMatchObject({ reason });
  });

  it("the same id twice: the second is a duplicate", async () => {
    const dedupe = loopsWebhooks({ secret: LOOPS_SECRET, claimEvent: memory() });
    const send = async () =>
      dedupe.fromRequest(await loopsDelivery("contact.created", { secret: LOOPS_SECRET, id: "msg_7" }));
    expect((await send()).kind).toBe("known");
    expect((await send()).kind).toBe("duplicate");
  });

  it("refuses a secret that is not a Standard Webhooks secret", async () => {
    await expect(loopsDelivery("contact.created", { secret: "not base64!" })).rejects.toThrow(/whsec_/);
  });
});

describe("loopMessageDelivery", () => {
  const receiver = loopMessageWebhooks({ secret: LOOPMESSAGE_SECRET });

  it.each(loopMessageWebhookEvents)("%s: accepted as known by loopMessageWebhooks", async (name) => {
    const result = await receiver.fromRequest(await loopMessageDelivery(name, { secret: LOOPMESSAGE_SECRET }));
    expect(result).toMatchObject({ kind: "known", type: name });
  });

  it("forged: refused", async () => {
    const request = await loopMessageDelivery("message_inbound", { secret: LOOPMESSAGE_SECRET, forged: true });
    await expect(receiver.fromRequest(request)).rejects.toMatchObject({ reason: "secret_mismatch" });
  });

  it("the same id twice: the second is a duplicate", async () => {
    const dedupe = loopMessageWebhooks({ secret: LOOPMESSAGE_SECRET, claimEvent: memory() });
    const send = async () =>
      dedupe.fromRequest(await loopMessageDelivery("message_inbound", { secret: LOOPMESSAGE_SECRET, id: "wh-7" }));
    expect((await send()).kind).toBe("known");
    expect((await send()).kind).toBe("duplicate");
  });
});
