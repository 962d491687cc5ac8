// Type-checked only (part of `npm test`, and the consumer matrix's TypeScript rows): the testing kit
// used the way a user's test would, through the package's public entry points. The expected errors
// below fail the type check if `respond` or the deliveries stop rejecting what the spec does not
// document.
import { createLoopsClient } from "loop-api-clients/loops";
import { lifeloopWebhooks } from "loop-api-clients/lifeloop-webhooks";
import { createLoopsMock, lifeloopDelivery, type LoopsMock, type MockCall } from "loop-api-clients/testing";

export async function campaignIsDraft(): Promise<boolean> {
  const mock: LoopsMock = createLoopsMock();
  const loops = createLoopsClient({ apiKey: "test-loops-key", fetch: mock.fetch, rateLimit: false });
  mock.respond("createCampaign", { status: 404 });
  mock.respond("testApiKey", { status: 200, body: { success: true, teamName: "Team" } });
  // @ts-expect-error 409 is not documented for createCampaign
  mock.respond("createCampaign", { status: 409 });
  // @ts-expect-error `success` is a boolean
  mock.respond("testApiKey", { status: 200, body: { success: "yes", teamName: "Team" } });
  const { data } = await loops.POST("/v1/campaigns", { body: { name: "November newsletter" } });
  const last: MockCall | undefined = mock.calls.at(-1);
  return data?.status === "Draft" && last?.verdict.accepted === true;
}

export async function residentCreated(secret: string): Promise<string | undefined> {
  const delivery: Request = await lifeloopDelivery({ eventType: "resident.created", resourceId: "res-1" }, { secret });
  // @ts-expect-error not an event of LifeLoop's spec
  await lifeloopDelivery("resident.teleported", { secret });
  const result = await lifeloopWebhooks({ secret }).fromRequest(delivery);
  return result.kind === "known" && result.type === "resident.created" ? result.event.resourceId : undefined;
}
