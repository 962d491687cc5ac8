// Type-checked only (part of `npm test`): the LifeLoop client used the way a user would, through
// the package's public entry points. The @ts-expect-error lines fail the type check if the types
// stop rejecting what the spec forbids.
import { createLifeLoopClient, type Facility, type LifeLoopWebhookEvent } from "loop-api-clients/lifeloop";
import { lifeloopWebhooks } from "loop-api-clients/lifeloop-webhooks";

export async function facility(token: string, facilityId: string): Promise<Facility | undefined> {
  const lifeloop = createLifeLoopClient({ token, tenant: "sunrise-001" });
  const { data, error } = await lifeloop.GET("/facilities/{facilityId}", { params: { path: { facilityId } } });
  if (error) console.error(`LifeLoop refused (${error.status}): ${error.message}`, error.details ?? "");
  return data?.data;
}

export async function receive(secret: string, request: Request): Promise<string> {
  const delivery = await lifeloopWebhooks({ secret }).fromRequest(request); // throws if the signature is bad
  if (delivery.kind !== "known") return `acknowledged ${delivery.kind} ${delivery.type ?? "untyped"} event`;
  const event: LifeLoopWebhookEvent = delivery.event;
  return event.eventType === "resident.created" ? `new resident ${event.resourceId}` : event.eventType;
}

export async function misuse(token: string) {
  const lifeloop = createLifeLoopClient({ token, tenant: "sunrise-001" });
  // @ts-expect-error the tenant is set once on the client, never in the path
  await lifeloop.GET("/{tenant}/facilities", { params: { path: { tenant: "sunrise-001" } } });
  await lifeloop.POST("/facilities/{facilityId}/residents", {
    params: { path: { facilityId: "fac-001" } },
    // @ts-expect-error `lastName` is required to create a resident
    body: { firstName: "Aileen" },
  });
  await lifeloop.POST("/facilities/{facilityId}/residents", {
    params: { path: { facilityId: "fac-001" } },
    // @ts-expect-error `roomNumbr` is misspelt, though the required fields are there (issue 20)
    body: { firstName: "Aileen", lastName: "Moss", roomNumbr: "12" },
  });
  // @ts-expect-error `tenant` is required
  createLifeLoopClient({ token });
}
