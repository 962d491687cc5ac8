// `respond` is typed from the generated operations: ids, documented statuses and their bodies.
import { describe, expectTypeOf, it } from "vitest";
import {
  createLifeLoopMock,
  createLoopsMock,
  lifeloopDelivery,
  loopMessageDelivery,
} from "../../../src/testing/index.ts";

describe("respond types", () => {
  const loops = createLoopsMock();
  const lifeloop = createLifeLoopMock();

  it("takes a documented status with its documented body", () => {
    loops.respond("testApiKey", { status: 200, body: { success: true, teamName: "Team" } });
    loops.respond("createCampaign", { status: 404 });
    lifeloop.respond("listFacilities", { status: 429 });
    expectTypeOf(loops.calls[0]!.operationId).toEqualTypeOf<Parameters<typeof loops.respond>[0] | undefined>();
  });

  it("refuses an unknown operation, an undocumented status and a body of the wrong shape", () => {
    // @ts-expect-error not an operation of Loops
    loops.respond("listResidents", { status: 200 });
    // @ts-expect-error 409 is not documented for createCampaign
    loops.respond("createCampaign", { status: 409 });
    // @ts-expect-error `success` is a boolean
    loops.respond("testApiKey", { status: 200, body: { success: "yes", teamName: "Team" } });
  });
});

describe("delivery types", () => {
  it("take the spec's event names, or a payload naming one with its fields", () => {
    void lifeloopDelivery("resident.created", { secret: "s" });
    void lifeloopDelivery({ eventType: "resident.created", resourceId: "res-1" }, { secret: "s" });
    void loopMessageDelivery("message_inbound", { secret: "s", forged: true });
    // @ts-expect-error not an event of LifeLoop's spec
    void lifeloopDelivery("resident.teleported", { secret: "s" });
    // @ts-expect-error LoopMessage deliveries carry no timestamp to make stale
    void loopMessageDelivery("message_inbound", { secret: "s", stale: true });
  });
});
